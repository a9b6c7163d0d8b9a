# The instance agent (services/instance-agent): the kubelet role on a machine without a container
# runtime. It registers the Nodes of deploy/local/instance-agent.yaml (brickyard-instance-*),
# keeps them Ready, and runs the pods the kube-scheduler binds to them as local processes, with
# logs in $LOG_DIR/pods. It uses the admin kubeconfig (system:masters) where a kubelet uses its
# node credentials: that covers the TokenRequests (serviceaccounts/token) and the ConfigMap and
# Secret reads behind its pods' volumes. Pods with volumeMounts need mount namespaces (root and
# util-linux unshare); the agent checks at start and logs when it cannot make them.
# Its processes do not outlive it: on stop it ends them, and on start it runs the pods it finds
# bound to its Nodes again (restartCount + 1).

INSTANCE_AGENT_CONFIG=${INSTANCE_AGENT_CONFIG:-$REPO_ROOT/deploy/local/instance-agent.yaml}

# Ready once every Node is registered and the pod informers have synced.
instance_agent_health() { curl -fsS "http://127.0.0.1:$INSTANCE_AGENT_PORT/readyz" >/dev/null; }

instance_agent_up() {
  [[ -f $REPO_ROOT/services/instance-agent/dist/main.js ]] || {
    echo "error: $REPO_ROOT/services/instance-agent/dist/main.js is missing; compile the TypeScript first" >&2
    exit 1
  }
  # Pods find the Spark runtime (lib/spark-runtime.sh) through BRICKYARD_SPARK_RUNTIME, as a
  # container finds what its image carries.
  KUBECONFIG=$KUBECONFIG_FILE BRICKYARD_HOME=$BRICKYARD_HOME BRICKYARD_AGENT_PORT=$INSTANCE_AGENT_PORT \
    BRICKYARD_SPARK_RUNTIME=$SPARK_RUNTIME_HOME \
    ensure_process instance-agent instance_agent_health 60 -- node --enable-source-maps \
    "$REPO_ROOT/services/instance-agent/dist/main.js" --config "$INSTANCE_AGENT_CONFIG"
}

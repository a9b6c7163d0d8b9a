{{/* Names, labels and the pieces every Brickyard workload shares. */}}

{{- define "brickyard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The prefix of every resource name: the release name, unless it already contains the chart's. */}}
{{- define "brickyard.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* <fullname>-<component>; call with (dict "root" $ "component" "api"). */}}
{{- define "brickyard.componentName" -}}
{{- printf "%s-%s" (include "brickyard.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "brickyard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "brickyard.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "brickyard.labels" -}}
{{ include "brickyard.selectorLabels" . }}
app.kubernetes.io/part-of: brickyard
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- end }}

{{/* A Brickyard image reference; call with (dict "root" $ "image" .Values.api.image). */}}
{{- define "brickyard.image" -}}
{{- $global := .root.Values.image }}
{{- $repository := .image.repository }}
{{- with $global.registry }}{{ $repository = printf "%s/%s" (trimSuffix "/" .) $repository }}{{ end }}
{{- printf "%s:%s" $repository (.image.tag | default $global.tag | default .root.Chart.AppVersion | toString) }}
{{- end }}

{{- define "brickyard.pullPolicy" -}}
{{- .image.pullPolicy | default .root.Values.image.pullPolicy }}
{{- end }}

{{/* Pull secrets, pod security context and placement; call with (dict "root" $ "values" .Values.api). */}}
{{- define "brickyard.podSpecCommon" -}}
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
securityContext:
  {{- toYaml .root.Values.podSecurityContext | nindent 2 }}
{{- with .values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* Prometheus discovery by annotation, plus the component's own podAnnotations. */}}
{{- define "brickyard.podAnnotations" -}}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .values.port | quote }}
prometheus.io/path: /metrics
{{- with .values.podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Listen on the pod IP, not 0.0.0.0: on the local platform pods are processes sharing the host's
network, each with its own loopback address.
*/}}
{{- define "brickyard.hostEnv" -}}
- name: {{ . }}
  valueFrom:
    fieldRef:
      fieldPath: status.podIP
{{- end }}

{{- define "brickyard.redisUrl" -}}
{{- if .Values.redis.enabled }}
{{- printf "redis://%s.%s.svc:6379" (include "brickyard.componentName" (dict "root" . "component" "redis")) .Release.Namespace }}
{{- else }}
{{- required "redis.url or redis.existingSecret is required when redis.enabled is false" .Values.redis.url }}
{{- end }}
{{- end }}

{{- define "brickyard.s3Endpoint" -}}
{{- if .Values.s3.inChart.enabled }}
{{- printf "http://%s.%s.svc:%d" (include "brickyard.componentName" (dict "root" . "component" "s3")) .Release.Namespace (int .Values.s3.inChart.port) }}
{{- else }}
{{- required "s3.endpoint is required when s3.inChart.enabled is false" .Values.s3.endpoint }}
{{- end }}
{{- end }}

{{/* The object store's IAM query API: the in-chart IAM service's, else s3.iamEndpoint (may be empty). */}}
{{- define "brickyard.s3IamEndpoint" -}}
{{- if and .Values.s3.inChart.enabled .Values.s3.inChart.iam.enabled }}
{{- printf "http://%s.%s.svc:%d" (include "brickyard.componentName" (dict "root" . "component" "s3")) .Release.Namespace (int .Values.s3.inChart.iam.port) }}
{{- else if not .Values.s3.inChart.enabled }}
{{- .Values.s3.iamEndpoint }}
{{- end }}
{{- end }}

{{/* The Secret with the S3 keys: the existing one, else the chart's (in-chart store only). */}}
{{- define "brickyard.s3SecretName" -}}
{{- if .Values.s3.existingSecret }}
{{- .Values.s3.existingSecret }}
{{- else if .Values.s3.inChart.enabled }}
{{- include "brickyard.componentName" (dict "root" . "component" "s3") }}
{{- else }}
{{- fail "s3.existingSecret is required when s3.inChart.enabled is false" }}
{{- end }}
{{- end }}

{{/* Redis and the object store, as the API and operator read them. */}}
{{- define "brickyard.connectionEnv" -}}
{{ include "brickyard.redisEnv" . }}
{{ include "brickyard.s3Env" . }}
{{- end }}

{{- define "brickyard.redisEnv" -}}
{{- if and (not .Values.redis.enabled) .Values.redis.existingSecret }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.redis.existingSecret }}
      key: {{ .Values.redis.existingSecretKey }}
{{- else }}
- name: REDIS_URL
  value: {{ include "brickyard.redisUrl" . | quote }}
{{- end }}
{{- end }}

{{- define "brickyard.s3Env" -}}
- name: AWS_ENDPOINT_URL_S3
  value: {{ include "brickyard.s3Endpoint" . | quote }}
- name: AWS_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ include "brickyard.s3SecretName" . }}
      key: {{ .Values.s3.accessKeyIdKey }}
- name: AWS_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "brickyard.s3SecretName" . }}
      key: {{ .Values.s3.secretAccessKeyKey }}
- name: AWS_REGION
  value: {{ .Values.s3.region | quote }}
- name: BRICKYARD_BUCKET
  value: {{ required "s3.bucket is required" .Values.s3.bucket | quote }}
{{- with include "brickyard.s3IamEndpoint" . }}
- name: BRICKYARD_S3_IAM_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- end }}

{{/* Scratch space under a read-only root filesystem. */}}
{{- define "brickyard.tmpVolumeMount" -}}
- name: tmp
  mountPath: /tmp
{{- end }}

{{- define "brickyard.tmpVolume" -}}
- name: tmp
  emptyDir: {}
{{- end }}

{{/*
The API credentials of the pod's ServiceAccount, declared rather than left to the admission
plugin (with automountServiceAccountToken: false): the same files at the same path, a bound
token that the kubelet (or the instance agent) renews.
*/}}
{{- define "brickyard.kubeApiAccessMount" -}}
- name: kube-api-access
  mountPath: /var/run/secrets/kubernetes.io/serviceaccount
  readOnly: true
{{- end }}

{{- define "brickyard.kubeApiAccessVolume" -}}
- name: kube-api-access
  projected:
    defaultMode: 0444
    sources:
      - serviceAccountToken:
          path: token
          expirationSeconds: 3607
      - configMap:
          name: kube-root-ca.crt
          items:
            - key: ca.crt
              path: ca.crt
      - downwardAPI:
          items:
            - path: namespace
              fieldRef:
                fieldPath: metadata.namespace
{{- end }}

{{/* /healthz for liveness, /readyz for readiness, on the container port named http. */}}
{{- define "brickyard.probes" -}}
livenessProbe:
  httpGet: { path: /healthz, port: http }
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
readinessProbe:
  httpGet: { path: /readyz, port: http }
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 3
{{- end }}

{{/* The ConfigMap the install step writes the account id into (install.ts). */}}
{{- define "brickyard.accountConfigMap" -}}
brickyard-account
{{- end }}

{{/* A map as BRICKYARD_NODE_SELECTOR's key=value,... (sorted, so renders are stable). */}}
{{- define "brickyard.selectorText" -}}
{{- $pairs := list }}
{{- range $key, $value := . }}{{ $pairs = append $pairs (printf "%s=%s" $key $value) }}{{ end }}
{{- join "," $pairs }}
{{- end }}

{{/* Annotations of the bootstrap hook's objects; the argument is the hook weight. */}}
{{- define "brickyard.bootstrapHook" -}}
helm.sh/hook: pre-install,pre-upgrade
helm.sh/hook-weight: {{ . | quote }}
helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
{{- end }}

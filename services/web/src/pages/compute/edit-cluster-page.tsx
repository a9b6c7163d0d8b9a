import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { Page } from '../../ui/page';
import { QueryView } from '../../ui/states';
import { ClusterForm } from './cluster-form';
import { clusterValuesOf } from './cluster-form-values';
import { type ClusterAttributes, clusterKeys, editCluster, getCluster } from './clusters-api';
import { useClusterCatalog } from './use-cluster-catalog';

/**
 * /compute/clusters/:clusterId/edit: clusters/edit replaces every attribute, so the form starts
 * from the spec as its creator set it (not from the live size of an autoscaling cluster).
 */
export function EditClusterPage() {
  const clusterId = useParams().clusterId ?? '';
  const cluster = useQuery({ queryKey: clusterKeys.one(clusterId), queryFn: () => getCluster(clusterId) });
  const catalog = useClusterCatalog();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const detailPath = `/compute/clusters/${clusterId}`;
  const edit = useMutation({
    mutationFn: (attributes: ClusterAttributes) => editCluster(clusterId, attributes),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: clusterKeys.all });
      navigate(detailPath);
    },
  });
  const name = cluster.data?.cluster_name || clusterId;
  return (
    <Page
      title={`Edit ${name}`}
      crumbs={[
        { label: 'Compute', to: '/compute' },
        { label: name, to: detailPath },
      ]}
    >
      <QueryView query={cluster} label="Loading the cluster">
        {(details) => (
          <QueryView query={catalog} label="Loading runtimes and node types">
            {({ versions, nodeTypes }) => (
              <ClusterForm
                initial={clusterValuesOf(details.spec)}
                base={details.spec}
                versions={versions}
                nodeTypes={nodeTypes}
                submitLabel="Confirm"
                pending={edit.isPending}
                error={edit.error}
                cancelTo={detailPath}
                onSubmit={(attributes) => edit.mutate(attributes)}
              />
            )}
          </QueryView>
        )}
      </QueryView>
    </Page>
  );
}

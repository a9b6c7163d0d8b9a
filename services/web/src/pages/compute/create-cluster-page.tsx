import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useSession } from '../../shell/session-context';
import { Page } from '../../ui/page';
import { QueryView } from '../../ui/states';
import { ClusterForm } from './cluster-form';
import { newClusterValues } from './cluster-form-values';
import { clusterKeys, createCluster } from './clusters-api';
import { useClusterCatalog } from './use-cluster-catalog';

const CRUMBS = [{ label: 'Compute', to: '/compute' }];

/** /compute/create: new all-purpose compute; on success, its page, where it is seen starting. */
export function CreateClusterPage() {
  const { session } = useSession();
  const catalog = useClusterCatalog();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: createCluster,
    onSuccess: async ({ cluster_id }) => {
      await queryClient.invalidateQueries({ queryKey: clusterKeys.list });
      navigate(`/compute/clusters/${cluster_id}`);
    },
  });
  return (
    <Page title="New compute" crumbs={CRUMBS}>
      <QueryView query={catalog} label="Loading runtimes and node types">
        {({ versions, nodeTypes }) => (
          <ClusterForm
            initial={newClusterValues(session.user_name, versions, nodeTypes)}
            versions={versions}
            nodeTypes={nodeTypes}
            submitLabel="Create compute"
            pending={create.isPending}
            error={create.error}
            cancelTo="/compute"
            onSubmit={(attributes) => create.mutate(attributes)}
          />
        )}
      </QueryView>
    </Page>
  );
}

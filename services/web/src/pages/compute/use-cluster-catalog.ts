import { useQuery } from '@tanstack/react-query';
import {
  clusterKeys,
  listNodeTypes,
  listSparkVersions,
  type NodeType,
  type SparkVersion,
} from './clusters-api';

interface ClusterCatalog {
  versions: SparkVersion[];
  nodeTypes: NodeType[];
}

/** The runtimes and node types the form offers, as one query-like state for QueryView. */
export function useClusterCatalog() {
  // The catalog changes only with a new Brickyard release: read once per page load.
  const versions = useQuery({
    queryKey: clusterKeys.sparkVersions,
    queryFn: listSparkVersions,
    staleTime: Infinity,
  });
  const nodeTypes = useQuery({
    queryKey: clusterKeys.nodeTypes,
    queryFn: listNodeTypes,
    staleTime: Infinity,
  });
  const data: ClusterCatalog | undefined =
    versions.data && nodeTypes.data ? { versions: versions.data, nodeTypes: nodeTypes.data } : undefined;
  return {
    data,
    error: versions.error ?? nodeTypes.error,
    isPending: versions.isPending || nodeTypes.isPending,
  };
}

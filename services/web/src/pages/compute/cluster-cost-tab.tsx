import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { costKeys, readClusterCost } from '../../rest/cost';
import { QueryView } from '../../ui/states';
import { CostFacts, EstimateNote } from './cost-facts';

const COST_POLL_MS = 5_000;

/** Cost: the cluster's estimated cost so far, growing while it runs. */
export function ClusterCostTab({ clusterId }: { clusterId: string }) {
  const cost = useQuery({
    queryKey: costKeys.cluster(clusterId),
    queryFn: () => readClusterCost(clusterId),
    refetchInterval: COST_POLL_MS,
  });
  return (
    <section className="card" aria-labelledby="cluster-cost-title">
      <h2 id="cluster-cost-title">Cost</h2>
      <QueryView query={cost} label="Loading cost">
        {(figures) => <CostFacts cost={figures} />}
      </QueryView>
      <EstimateNote />
      <Link to="/cost">The workspace's cost</Link>
    </section>
  );
}

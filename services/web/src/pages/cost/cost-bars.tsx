import { formatDollars } from '../../ui/format';
import { type CostRow, costShares } from './cost-rows';

/** Cost so far of each cluster and warehouse as a bar, its EC2 and DBU parts told apart. */
export function CostBars({ rows }: { rows: CostRow[] }) {
  const shares = costShares(rows);
  return (
    <>
      <p className="cost-legend" aria-hidden="true">
        <span className="swatch ec2" /> EC2 <span className="swatch dbu" /> DBUs
      </p>
      <ul className="cost-bars" aria-label="Cost so far by cluster and SQL warehouse">
        {rows.map((row, index) => {
          const share = shares[index] ?? { ec2Percent: 0, dbuPercent: 0 };
          return (
            <li key={`${row.kind}:${row.id}`}>
              <span className="cost-bar-name">{row.name}</span>
              <span className="cost-bar-track" aria-hidden="true">
                <span className="cost-bar ec2" style={{ width: `${share.ec2Percent}%` }} />
                <span className="cost-bar dbu" style={{ width: `${share.dbuPercent}%` }} />
              </span>
              <span className="cost-bar-value">
                {formatDollars(row.total_dollars)}
                <span className="visually-hidden">
                  {' '}
                  (EC2 {formatDollars(row.ec2_dollars)}, DBUs {formatDollars(row.dbu_dollars)})
                </span>
              </span>
            </li>
          );
        })}
      </ul>
    </>
  );
}

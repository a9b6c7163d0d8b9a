import { NavLink } from 'react-router';

/** The two kinds of compute, as Databricks' Compute page tabs them. */
export function ComputeTabs() {
  return (
    <nav className="tabs" aria-label="Compute kinds">
      <NavLink to="/compute" end>
        All-purpose compute
      </NavLink>
      <NavLink to="/compute/warehouses">SQL warehouses</NavLink>
    </nav>
  );
}

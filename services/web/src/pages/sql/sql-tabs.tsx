import { NavLink } from 'react-router';

/** The SQL editor and its query history, side by side as in Databricks' SQL editor. */
export function SqlTabs() {
  return (
    <nav className="tabs" aria-label="SQL">
      <NavLink to="/sql" end>
        Editor
      </NavLink>
      <NavLink to="/sql/history">Query history</NavLink>
    </nav>
  );
}

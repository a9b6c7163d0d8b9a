import { Link, useLocation } from 'react-router';
import { catalogUrl, dbfsUrl } from './catalog-paths';

/** The Catalog section's two views: Unity Catalog's securables, and DBFS. */
export function CatalogTabs() {
  const inDbfs = useLocation().pathname.startsWith(dbfsUrl('/'));
  return (
    <nav className="tabs" aria-label="Catalog views">
      <Link
        to={catalogUrl()}
        className={inDbfs ? undefined : 'active'}
        aria-current={inDbfs ? undefined : 'page'}
      >
        Catalogs
      </Link>
      <Link
        to={dbfsUrl('/')}
        className={inDbfs ? 'active' : undefined}
        aria-current={inDbfs ? 'page' : undefined}
      >
        DBFS
      </Link>
    </nav>
  );
}

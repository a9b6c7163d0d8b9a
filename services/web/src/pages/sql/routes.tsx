import { Route, Routes } from 'react-router';
import { QueryHistoryPage } from './query-history-page';
import { SqlEditorPage } from './sql-editor-page';
import './sql.css';

/** /sql: the SQL editor, and the query history beside it. */
export default function SqlRoutes() {
  return (
    <Routes>
      <Route index element={<SqlEditorPage />} />
      <Route path="history" element={<QueryHistoryPage />} />
    </Routes>
  );
}

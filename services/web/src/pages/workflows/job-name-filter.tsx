import { type FormEvent, useState } from 'react';

/** Finds jobs by their exact name (jobs/list `name`), as a workspace with many jobs needs. */
export function JobNameFilter({
  name,
  onFilter,
}: {
  name: string | undefined;
  onFilter: (name: string | undefined) => void;
}) {
  const [text, setText] = useState(name ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onFilter(text.trim() || undefined);
  };
  return (
    <search>
      <form className="row wf-filter" onSubmit={submit}>
        <label htmlFor="job-name-filter">Job name</label>
        <input
          id="job-name-filter"
          type="search"
          value={text}
          placeholder="The whole name"
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className="btn">
          Find
        </button>
        {name && (
          <button
            type="button"
            className="btn"
            onClick={() => {
              setText('');
              onFilter(undefined);
            }}
          >
            Show all jobs
          </button>
        )}
      </form>
    </search>
  );
}

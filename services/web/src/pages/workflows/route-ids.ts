/** A job or run id from the URL, or undefined if it is not one (the page says so, not the API). */
export function positiveId(text: string | undefined): number | undefined {
  const id = Number(text);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

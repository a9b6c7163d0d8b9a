/**
 * Runs the metastore writes of one workspace one at a time, so that a check (is the name free,
 * is the schema empty) and the write it guards cannot interleave with another request's. Within
 * one API process only: with several replicas, two creates of one name at the same instant may
 * both pass (the API runs one replica by default).
 */
export class WriteQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

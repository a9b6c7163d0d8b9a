import { randomBytes } from 'node:crypto';
import type { CoreV1Api, CoreV1Event, KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { isNotFound } from './api-errors.js';
import { mergePatch } from './patch.js';

export type EventType = 'Normal' | 'Warning';

export interface EventRecorderOptions {
  core: CoreV1Api;
  /** reportingComponent and source.component, e.g. "brickyard-operator". */
  component: string;
  /** reportingInstance: which replica reported it. */
  instance: string;
  log: Logger;
}

interface Recorded {
  name: string;
  namespace: string;
  count: number;
  lastMs: number;
}

/** A repeat of the same event within this window bumps the first one's count instead of adding one. */
const AGGREGATION_WINDOW_MS = 10 * 60_000;

/**
 * Records core/v1 Events about objects, as `kubectl describe` shows them. Events are best effort:
 * a failure to record one is logged and never fails a reconcile. Like client-go's recorder, an
 * identical event repeated soon after is folded into the first (count and lastTimestamp).
 */
export class EventRecorder {
  private readonly recent = new Map<string, Recorded>();

  constructor(private readonly options: EventRecorderOptions) {}

  normal(object: KubernetesObject, reason: string, message: string): Promise<void> {
    return this.record(object, 'Normal', reason, message);
  }

  warning(object: KubernetesObject, reason: string, message: string): Promise<void> {
    return this.record(object, 'Warning', reason, message);
  }

  private async record(
    object: KubernetesObject,
    type: EventType,
    reason: string,
    message: string,
  ): Promise<void> {
    const now = Date.now();
    this.forgetOlderThan(now - AGGREGATION_WINDOW_MS);
    const identity = [object.metadata?.uid, type, reason, message].join('\u0000');
    const previous = this.recent.get(identity);
    try {
      if (previous && (await this.bumpCount(previous, now))) return;
      const event = this.newEvent(object, type, reason, message, now);
      const namespace = event.metadata.namespace;
      await this.options.core.createNamespacedEvent({ namespace, body: event });
      this.recent.set(identity, { name: event.metadata.name, namespace, count: 1, lastMs: now });
    } catch (error) {
      this.options.log.warn({ err: error, reason, object: object.metadata?.name }, 'Failed to record Event');
    }
  }

  /** Folds a repeat into the recorded event; false if that event is gone (expired or deleted). */
  private async bumpCount(recorded: Recorded, now: number): Promise<boolean> {
    try {
      await this.options.core.patchNamespacedEvent(
        {
          name: recorded.name,
          namespace: recorded.namespace,
          body: { count: recorded.count + 1, lastTimestamp: new Date(now).toISOString() },
        },
        mergePatch,
      );
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
    recorded.count++;
    recorded.lastMs = now;
    return true;
  }

  private newEvent(
    object: KubernetesObject,
    type: EventType,
    reason: string,
    message: string,
    now: number,
  ): CoreV1Event & { metadata: { name: string; namespace: string } } {
    const { name = '', namespace, uid, resourceVersion } = object.metadata ?? {};
    const timestamp = new Date(now);
    return {
      metadata: {
        name: `${name}.${now.toString(16)}${randomBytes(4).toString('hex')}`,
        // Events about cluster-scoped objects live in "default", as kubectl and client-go expect.
        namespace: namespace ?? 'default',
      },
      involvedObject: {
        ...(object.apiVersion ? { apiVersion: object.apiVersion } : {}),
        ...(object.kind ? { kind: object.kind } : {}),
        name,
        ...(namespace ? { namespace } : {}),
        ...(uid ? { uid } : {}),
        ...(resourceVersion ? { resourceVersion } : {}),
      },
      type,
      reason,
      message,
      count: 1,
      firstTimestamp: timestamp,
      lastTimestamp: timestamp,
      source: { component: this.options.component },
      reportingComponent: this.options.component,
      reportingInstance: this.options.instance,
    };
  }

  private forgetOlderThan(cutoffMs: number): void {
    for (const [identity, recorded] of this.recent) {
      if (recorded.lastMs < cutoffMs) this.recent.delete(identity);
    }
  }
}

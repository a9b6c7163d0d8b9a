import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';

/** The request option that makes a client-node patch call a JSON merge patch (RFC 7386). */
export const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

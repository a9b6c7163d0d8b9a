import { NODE_TYPES, SPARK_VERSIONS } from '@brickyard/common/catalog';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { RouteOptions } from '../../services.js';

const NodeTypeInfo = Type.Object({
  node_type_id: Type.String(),
  instance_type_id: Type.String(),
  memory_mb: Type.Integer(),
  num_cores: Type.Number(),
  num_gpus: Type.Integer(),
  description: Type.String(),
  category: Type.String(),
  is_deprecated: Type.Boolean(),
  is_hidden: Type.Boolean(),
  support_ebs_volumes: Type.Boolean(),
  photon_driver_capable: Type.Boolean(),
  photon_worker_capable: Type.Boolean(),
  node_instance_type: Type.Object({
    instance_type_id: Type.String(),
    local_disks: Type.Integer(),
    local_disk_size_gb: Type.Integer(),
  }),
});

/** The instance types and runtimes this Brickyard offers. */
export const catalogRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { hidden }) => {
  const schema = (summary: string, response: object) => ({
    tags: ['clusters'],
    summary,
    hide: hidden ?? false,
    response: { 200: response },
  });

  app.get(
    '/list-node-types',
    { schema: schema('Instance types', Type.Object({ node_types: Type.Array(NodeTypeInfo) })) },
    async () => ({
      node_types: NODE_TYPES.map((type) => ({
        node_type_id: type.node_type_id,
        instance_type_id: type.node_type_id,
        memory_mb: type.memory_mb,
        num_cores: type.num_cores,
        num_gpus: 0,
        description: type.description,
        category: type.category,
        is_deprecated: false,
        is_hidden: false,
        support_ebs_volumes: true,
        photon_driver_capable: true,
        photon_worker_capable: true,
        node_instance_type: {
          instance_type_id: type.node_type_id,
          local_disks: type.local_disks,
          local_disk_size_gb: type.local_disk_size_gb,
        },
      })),
    }),
  );

  app.get(
    '/spark-versions',
    {
      schema: schema(
        'Runtime versions',
        Type.Object({ versions: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })) }),
      ),
    },
    async () => ({ versions: [...SPARK_VERSIONS] }),
  );

  app.get(
    '/list-zones',
    {
      schema: schema(
        'Availability zones',
        Type.Object({ zones: Type.Array(Type.String()), default_zone: Type.String() }),
      ),
    },
    async () => ({ zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'], default_zone: 'us-east-1a' }),
  );
};

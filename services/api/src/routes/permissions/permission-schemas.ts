import { Type } from 'typebox';

const PrincipalNames = {
  user_name: Type.Optional(Type.String({ minLength: 1 })),
  group_name: Type.Optional(Type.String({ minLength: 1 })),
  service_principal_name: Type.Optional(Type.String({ minLength: 1 })),
};

const AccessControlRequest = Type.Object({
  ...PrincipalNames,
  permission_level: Type.String({ minLength: 1 }),
});

export const AccessControlBody = Type.Object({
  access_control_list: Type.Array(AccessControlRequest, { maxItems: 1000 }),
});

const Permission = Type.Object({
  permission_level: Type.String(),
  inherited: Type.Boolean(),
  inherited_from_object: Type.Optional(Type.Array(Type.String())),
});

export const ObjectPermissionsResponse = Type.Object({
  object_id: Type.String(),
  object_type: Type.String(),
  access_control_list: Type.Array(
    Type.Object({
      ...PrincipalNames,
      display_name: Type.Optional(Type.String()),
      all_permissions: Type.Array(Permission),
    }),
  ),
});

export const PermissionLevelsResponse = Type.Object({
  permission_levels: Type.Array(Type.Object({ permission_level: Type.String(), description: Type.String() })),
});

export const ObjectIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 128 }) });

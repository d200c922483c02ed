import { Type, type Static } from '@sinclair/typebox';
import { Id, Name, Nullable } from '../../lib/schemas';

const Order = Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 });
const ParentId = Nullable(Id('parent department; null = top level'));

export const AddDepartmentBodySchema = Type.Object({
  name: Name(100),
  parentId: Type.Optional(ParentId),
  order: Type.Optional(Order),
});

export const EditDepartmentBodySchema = Type.Object({
  id: Id(),
  name: Type.Optional(Name(100)),
  parentId: Type.Optional(ParentId),
  order: Type.Optional(Order),
});

export const DepartmentIdParamsSchema = Type.Object({ id: Id() });

export const DepartmentSchema = Type.Object({
  id: Id(),
  name: Type.String(),
  parentId: Type.Union([Id(), Type.Null()]),
  order: Type.Integer(),
});

const nodeFields = {
  id: Id(),
  name: Type.String(),
  parentId: Type.Union([Id(), Type.Null()]),
  order: Type.Integer(),
  memberCount: Type.Integer({ description: 'direct members' }),
};

/** A recursive tree node; `$id` lets OpenAPI and the serializer reference itself. */
export const DepartmentNodeSchema = Type.Recursive(
  (Self) => Type.Object({ ...nodeFields, children: Type.Array(Self) }),
  { $id: 'DepartmentNode' },
);
export type DepartmentNode = Static<typeof DepartmentNodeSchema>;

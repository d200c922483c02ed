import type { components } from './schema.gen';
import { typedApi, type ApiBody } from './typed';

export type DepartmentNode = components['schemas']['DepartmentNode'];

export const departmentsApi = {
  tree: () => typedApi.get('/sys/depart/tree'),
  add: (dept: ApiBody<'/sys/depart/add', 'post'>) => typedApi.post('/sys/depart/add', dept),
  edit: (dept: ApiBody<'/sys/depart/edit', 'post'>) => typedApi.post('/sys/depart/edit', dept),
  remove: (id: number) => typedApi.delete('/sys/depart/{id}', { path: { id } }),
};

/** Every node of the tree, depth first, with its depth. */
export function flattenDepartments(
  nodes: DepartmentNode[],
  depth = 0,
): Array<DepartmentNode & { depth: number }> {
  return nodes.flatMap((node) => [
    { ...node, depth },
    ...flattenDepartments(node.children ?? [], depth + 1),
  ]);
}

import { api } from './client';

export interface DepartmentNode {
  id: number;
  name: string;
  parentId: number | null;
  order: number;
  memberCount: number;
  children?: DepartmentNode[];
}

export const departmentsApi = {
  tree: () => api.get<DepartmentNode[]>('/sys/depart/tree'),
  add: (dept: { name: string; parentId?: number; order?: number }) =>
    api.post<{ id: number }>('/sys/depart/add', dept),
  edit: (dept: { id: number; name?: string; parentId?: number | null; order?: number }) =>
    api.post<unknown>('/sys/depart/edit', dept),
  remove: (id: number) => api.delete<unknown>(`/sys/depart/${id}`),
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

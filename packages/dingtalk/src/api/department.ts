/**
 * Department reads (通讯录 v2). The root department is 1. `listsub` returns one level, so the whole
 * tree is walked breadth-first; a department that vanished between the parent's answer and its
 * own (60003) is skipped, not fatal, since a sync reads a moving directory.
 */
import { Type, type Static } from '@sinclair/typebox';
import {
  asArray,
  asObject,
  compact,
  intArray,
  optBool,
  optInt,
  optString,
  reqInt,
  reqString,
} from '../decode';
import { DingTalkError } from '../errors';
import type { Requester } from '../request';

export const ROOT_DEPT_ID = 1;

export const DepartmentSchema = Type.Object({
  deptId: Type.Integer(),
  name: Type.String(),
  /** Absent for the root department. */
  parentId: Type.Optional(Type.Integer()),
  order: Type.Optional(Type.Integer()),
  /** 部门主管 userids (department/get only). */
  managerUserIds: Type.Optional(Type.Array(Type.String())),
  fromUnionOrg: Type.Optional(Type.Boolean()),
});
export type Department = Static<typeof DepartmentSchema>;

function decodeDepartment(api: string, raw: Record<string, unknown>): Department {
  const parent = optInt(raw.parent_id);
  const managers = raw.dept_manager_userid_list;
  return compact({
    deptId: reqInt(api, raw, 'dept_id'),
    name: reqString(api, raw, 'name'),
    parentId: parent === undefined || parent === 0 ? undefined : parent,
    order: optInt(raw.order),
    managerUserIds:
      managers === undefined
        ? undefined
        : asArray(managers)
            .map(optString)
            .filter((s): s is string => !!s),
    fromUnionOrg: optBool(raw.from_union_org),
  });
}

const DEPT_GONE = 60003;

export function createDepartmentApi(r: Requester) {
  const post = (api: string, body: Record<string, unknown>) =>
    r.call({ host: 'oapi', api, method: 'POST', body, auth: 'app', idempotent: true });

  async function listSub(deptId: number): Promise<Department[]> {
    const api = 'topapi/v2/department/listsub';
    const body = await post(api, { dept_id: deptId });
    return asArray(body.result).map((d) => decodeDepartment(api, asObject(d)));
  }

  async function get(deptId: number): Promise<Department> {
    const api = 'topapi/v2/department/get';
    const body = await post(api, { dept_id: deptId });
    return decodeDepartment(api, asObject(body.result));
  }

  return {
    /** Direct sub-departments of `deptId` (`topapi/v2/department/listsub`). */
    listSub,
    /** Ids of direct sub-departments (`topapi/v2/department/listsubid`). */
    async listSubIds(deptId: number): Promise<number[]> {
      const body = await post('topapi/v2/department/listsubid', { dept_id: deptId });
      return intArray(asObject(body.result).dept_id_list);
    },
    /** One department with details (`topapi/v2/department/get`). */
    get,
    /**
     * Every department under `rootId` (the root itself first, from department/get), breadth-first.
     * Departments are yielded as they are read, so a caller can start on members early.
     */
    async *walk(rootId = ROOT_DEPT_ID): AsyncGenerator<Department> {
      const root = await get(rootId);
      yield root;
      const queue = [root.deptId];
      const seen = new Set(queue);
      while (queue.length > 0) {
        const id = queue.shift() as number;
        let children: Department[];
        try {
          children = await listSub(id);
        } catch (err) {
          if (err instanceof DingTalkError && err.effectiveErrcode === DEPT_GONE) continue;
          throw err;
        }
        for (const child of children) {
          if (seen.has(child.deptId)) continue;
          seen.add(child.deptId);
          queue.push(child.deptId);
          yield child;
        }
      }
    },
  };
}

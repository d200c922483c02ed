/**
 * Name material for the org generator: common Chinese surnames and given-name characters with
 * their pinyin (tone-less), so generated userids look like the pinyin ids real corps use.
 * Surnames are listed roughly by frequency; the generator favours the front of the list,
 * which is what produces realistic duplicate names (张伟, 王芳 …).
 */
const SURNAMES =
  '王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu ' +
  '郭guo 何he 高gao 林lin 罗luo 郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han 冯feng 邓deng 曹cao ' +
  '彭peng 曾zeng 肖xiao 田tian 董dong 袁yuan 潘pan 于yu 蒋jiang 蔡cai 余yu 杜du 叶ye 程cheng 苏su ' +
  '魏wei 吕lv 丁ding 任ren 沈shen 姚yao 卢lu 姜jiang 崔cui 钟zhong 谭tan 陆lu 汪wang 范fan 金jin ' +
  '石shi 廖liao 贾jia 夏xia 韦wei 付fu 方fang 白bai 邹zou 孟meng 熊xiong 秦qin 邱qiu 江jiang 尹yin ' +
  '薛xue 闫yan 段duan 雷lei 侯hou 龙long 史shi 陶tao 黎li 贺he 顾gu 毛mao 郝hao 龚gong 邵shao ' +
  '万wan 钱qian 严yan 覃qin 武wu 戴dai 莫mo 孔kong 向xiang 汤tang 欧阳ouyang 司马sima 上官shangguan';

const GIVEN =
  '伟wei 芳fang 娜na 敏min 静jing 丽li 强qiang 磊lei 军jun 洋yang 勇yong 艳yan 杰jie 娟juan 涛tao ' +
  '明ming 超chao 秀xiu 霞xia 平ping 刚gang 桂gui 英ying 华hua 玉yu 文wen 辉hui 建jian 国guo 红hong ' +
  '鹏peng 飞fei 琳lin 晨chen 浩hao 宇yu 欣xin 怡yi 佳jia 子zi 梓zi 涵han 轩xuan 睿rui 博bo 思si ' +
  '雨yu 萱xuan 晓xiao 婷ting 雪xue 慧hui 斌bin 波bo 海hai 志zhi 亮liang 凯kai 昊hao 然ran 诗shi ' +
  '琪qi 嘉jia 毅yi 俊jun 峰feng 宁ning 凤feng 兰lan 梅mei 莉li 倩qian 薇wei 颖ying 婧jing 瑶yao ' +
  '震zhen 泽ze 铭ming 天tian 一yi 心xin 安an 乐le 晴qing 阳yang 东dong 南nan 北bei 春chun 秋qiu';

export interface NamePart {
  readonly han: string;
  readonly pinyin: string;
}

function parse(list: string): NamePart[] {
  return list.split(' ').map((entry) => {
    const match = /^(\p{Script=Han}+)([a-z]+)$/u.exec(entry);
    if (!match) throw new Error(`bad name entry ${entry}`);
    return { han: match[1] as string, pinyin: match[2] as string };
  });
}

export const SURNAME_PARTS: readonly NamePart[] = parse(SURNAMES);
export const GIVEN_PARTS: readonly NamePart[] = parse(GIVEN);

export const POSITIONS = [
  '工程师',
  '高级工程师',
  '产品经理',
  '设计师',
  '测试工程师',
  '运营专员',
  '销售经理',
  '会计',
  '人事专员',
  '行政助理',
  '架构师',
  '项目经理',
  '客服专员',
  '法务',
  '数据分析师',
  '',
] as const;

/** Top-level units; deeper levels use FUNCTIONS, TEAMS and GROUPS. */
export const UNITS = [
  '北京研发中心',
  '上海分公司',
  '广州研发中心',
  '深圳分公司',
  '成都研发中心',
  '杭州分公司',
  '武汉分公司',
  '南京办事处',
  '西安研发中心',
  '总裁办',
  '财务中心',
  '人力资源中心',
  '市场中心',
  '销售中心',
  '法务部',
  '供应链中心',
  '客户服务中心',
  '信息技术部',
] as const;

export const FUNCTIONS = [
  '产品部',
  '研发部',
  '测试部',
  '运维部',
  '设计部',
  '市场部',
  '销售部',
  '财务部',
  '人事部',
  '行政部',
  '客服部',
  '数据部',
  '安全部',
  '质量部',
  '采购部',
  '商务部',
] as const;

export const TEAMS = [
  '前端组',
  '后端组',
  '移动端组',
  '算法组',
  '平台组',
  '基础架构组',
  '华东组',
  '华南组',
  '华北组',
  '大客户组',
  '渠道组',
  '综合组',
] as const;

/** Name parts for generated members and departments (pinyin for userids). */
export interface NamePart {
  han: string;
  pinyin: string;
}

const parts = (s: string): NamePart[] =>
  s.split(' ').map((p) => {
    const [han = '', pinyin = ''] = p.split(':');
    return { han, pinyin };
  });

/** Common surnames first: the generator favours the head of the list. */
export const SURNAMES = parts(
  '王:wang 李:li 张:zhang 刘:liu 陈:chen 杨:yang 黄:huang 赵:zhao 吴:wu 周:zhou 徐:xu 孙:sun 马:ma 朱:zhu 胡:hu 郭:guo 何:he 林:lin 罗:luo 高:gao 郑:zheng 梁:liang 谢:xie 宋:song 唐:tang 许:xu 韩:han 冯:feng 邓:deng 曹:cao',
);
export const GIVEN = parts(
  '伟:wei 芳:fang 娜:na 敏:min 静:jing 丽:li 强:qiang 磊:lei 军:jun 洋:yang 勇:yong 艳:yan 杰:jie 涛:tao 明:ming 超:chao 秀:xiu 霞:xia 平:ping 刚:gang 桂:gui 英:ying 华:hua 玉:yu 兰:lan 飞:fei 鹏:peng 辉:hui 宇:yu 浩:hao 婷:ting 雪:xue 琳:lin 晨:chen 欣:xin 佳:jia 俊:jun 凯:kai 思:si 悦:yue',
);
export const UNITS = [
  '研发中心',
  '销售中心',
  '市场部',
  '财务部',
  '人力资源部',
  '行政部',
  '客户成功部',
  '生产中心',
  '供应链',
  '法务部',
];
export const TEAMS = [
  '一组',
  '二组',
  '三组',
  '前端组',
  '后端组',
  '测试组',
  '华东区',
  '华南区',
  '华北区',
  '西南区',
  '运维组',
  '数据组',
];
export const TITLES = [
  '工程师',
  '高级工程师',
  '产品经理',
  '设计师',
  '销售代表',
  '客户经理',
  '会计',
  '人事专员',
  '行政助理',
  '主管',
  '经理',
  '总监',
];

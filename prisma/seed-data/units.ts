/**
 * Canonical responsible units of the annex (重点任务清单).
 *
 * `shortName` is the name exactly as the document writes it once its PDF-extraction damage is
 * repaired (it is what the annex and the public API show); `name` is the full official name;
 * `code` is a stable, login-friendly identifier (staff accounts sign in with it in demo mode).
 * Order: provincial units in order of first appearance in the annex, then the 11 cities in the
 * order the province lists them.
 */
export type UnitKind = "PROVINCIAL" | "CITY";

export interface UnitSeed {
  code: string;
  shortName: string;
  name: string;
  kind: UnitKind;
}

export const PROVINCIAL_UNITS: readonly UnitSeed[] = [
  { code: "fgw", shortName: "省发改委", name: "江西省发展和改革委员会", kind: "PROVINCIAL" },
  { code: "tjj", shortName: "省统计局", name: "江西省统计局", kind: "PROVINCIAL" },
  { code: "sthjt", shortName: "省生态环境厅", name: "江西省生态环境厅", kind: "PROVINCIAL" },
  { code: "kjt", shortName: "省科技厅", name: "江西省科学技术厅", kind: "PROVINCIAL" },
  { code: "gxt", shortName: "省工信厅", name: "江西省工业和信息化厅", kind: "PROVINCIAL" },
  { code: "scjgj", shortName: "省市场监管局", name: "江西省市场监督管理局", kind: "PROVINCIAL" },
  { code: "zrzyt", shortName: "省自然资源厅", name: "江西省自然资源厅", kind: "PROVINCIAL" },
  { code: "lyj", shortName: "省林业局", name: "江西省林业局", kind: "PROVINCIAL" },
  { code: "jtyst", shortName: "省交通运输厅", name: "江西省交通运输厅", kind: "PROVINCIAL" },
  { code: "zjt", shortName: "省住建厅", name: "江西省住房和城乡建设厅", kind: "PROVINCIAL" },
  {
    code: "jxjrjgj",
    shortName: "国家金融监督管理总局江西监管局",
    name: "国家金融监督管理总局江西监管局",
    kind: "PROVINCIAL",
  },
  { code: "nyj", shortName: "省能源局", name: "江西省能源局", kind: "PROVINCIAL" },
  { code: "slt", shortName: "省水利厅", name: "江西省水利厅", kind: "PROVINCIAL" },
  { code: "dlgs", shortName: "省电力公司", name: "国网江西省电力有限公司", kind: "PROVINCIAL" },
  { code: "gzw", shortName: "省国资委", name: "江西省人民政府国有资产监督管理委员会", kind: "PROVINCIAL" },
  { code: "swt", shortName: "省商务厅", name: "江西省商务厅", kind: "PROVINCIAL" },
  { code: "nctlj", shortName: "南昌铁路局", name: "中国铁路南昌局集团有限公司", kind: "PROVINCIAL" },
  { code: "wlt", shortName: "省文旅厅", name: "江西省文化和旅游厅", kind: "PROVINCIAL" },
  { code: "nynct", shortName: "省农业农村厅", name: "江西省农业农村厅", kind: "PROVINCIAL" },
  { code: "czt", shortName: "省财政厅", name: "江西省财政厅", kind: "PROVINCIAL" },
  { code: "zzb", shortName: "省委组织部", name: "中共江西省委组织部", kind: "PROVINCIAL" },
  { code: "dfjrj", shortName: "省地方金融管理局", name: "江西省地方金融管理局", kind: "PROVINCIAL" },
  { code: "gat", shortName: "省公安厅", name: "江西省公安厅", kind: "PROVINCIAL" },
  { code: "nchg", shortName: "南昌海关", name: "中华人民共和国南昌海关", kind: "PROVINCIAL" },
  { code: "fy", shortName: "省法院", name: "江西省高级人民法院", kind: "PROVINCIAL" },
  { code: "jcy", shortName: "省检察院", name: "江西省人民检察院", kind: "PROVINCIAL" },
  { code: "jyt", shortName: "省教育厅", name: "江西省教育厅", kind: "PROVINCIAL" },
  { code: "wjw", shortName: "省卫健委", name: "江西省卫生健康委员会", kind: "PROVINCIAL" },
  { code: "yjt", shortName: "省应急厅", name: "江西省应急管理厅", kind: "PROVINCIAL" },
  { code: "qxj", shortName: "省气象局", name: "江西省气象局", kind: "PROVINCIAL" },
  { code: "rst", shortName: "省人社厅", name: "江西省人力资源和社会保障厅", kind: "PROVINCIAL" },
  { code: "sft", shortName: "省司法厅", name: "江西省司法厅", kind: "PROVINCIAL" },
  { code: "rhjx", shortName: "人行江西省分行", name: "中国人民银行江西省分行", kind: "PROVINCIAL" },
  { code: "jxzjj", shortName: "江西证监局", name: "中国证券监督管理委员会江西监管局", kind: "PROVINCIAL" },
  { code: "xcb", shortName: "省委宣传部", name: "中共江西省委宣传部", kind: "PROVINCIAL" },
  { code: "sjt", shortName: "省审计厅", name: "江西省审计厅", kind: "PROVINCIAL" },
];

/** The 11 prefecture-level cities; the annex's note on task 1 makes each of them carry every task. */
export const CITY_UNITS: readonly UnitSeed[] = [
  ["nanchang", "南昌"],
  ["jingdezhen", "景德镇"],
  ["pingxiang", "萍乡"],
  ["jiujiang", "九江"],
  ["xinyu", "新余"],
  ["yingtan", "鹰潭"],
  ["ganzhou", "赣州"],
  ["jian", "吉安"],
  ["yichun", "宜春"],
  ["fuzhou", "抚州"],
  ["shangrao", "上饶"],
].map(([code, city]) => ({
  code: code!,
  shortName: `${city}市`,
  name: `中共${city}市委、${city}市人民政府`,
  kind: "CITY" as const,
}));

export const ALL_UNITS: readonly UnitSeed[] = [...PROVINCIAL_UNITS, ...CITY_UNITS];

/**
 * Demo mode's example measure lists (示例数据): what a unit's year of work on a task looks like,
 * so that a newcomer sees measures, milestones and their lights at once. Written for this demo
 * from the tasks' own text, not taken from any unit; every list is marked `demo` and says so.
 */
export interface DemoMilestone {
  title: string;
  plannedDate: string;
  deliverable: string;
  /** Recorded done on this date (by a quarterly report); otherwise still planned. */
  doneDate?: string;
}

export interface DemoMeasure {
  text: string;
  responsible: string;
  fundsPlanned?: string;
  fundsSpent?: string;
  fundsSource?: string;
  milestones: DemoMilestone[];
}

export interface DemoMeasureList {
  unitCode: string;
  taskNumber: number;
  year: number;
  role: "LEAD" | "SUPPORT";
  measures: DemoMeasure[];
}

export const DEMO_MEASURE_LISTS: readonly DemoMeasureList[] = [
  {
    unitCode: "nanchang",
    taskNumber: 19,
    year: 2026,
    role: "SUPPORT",
    measures: [
      {
        text: "实施城市扬尘污染控制工程：建筑工地、道路扬尘在线监测全覆盖，渣土车全密闭运输。",
        responsible: "市住建局 副局长",
        fundsPlanned: "1200",
        fundsSpent: "460",
        fundsSource: "市级财政",
        milestones: [
          { title: "建成扬尘在线监测平台", plannedDate: "2026-04-30", deliverable: "平台验收报告", doneDate: "2026-04-25" },
          // Past its date and not done: the demo's 滞后 milestone.
          { title: "规模以上工地监测设备全部联网", plannedDate: "2026-09-30", deliverable: "联网工地清单及平台截图说明" },
          { title: "完成年度扬尘治理考核", plannedDate: "2026-12-31", deliverable: "考核通报" },
        ],
      },
      {
        text: "推进重型柴油货车（OBD）远程排放监控设备安装。",
        responsible: "市生态环境局 大气科科长",
        milestones: [
          { title: "摸清本市重型柴油货车底数", plannedDate: "2026-03-31", deliverable: "车辆台账", doneDate: "2026-03-28" },
          { title: "完成 3000 辆车载设备安装联网", plannedDate: "2027-03-31", deliverable: "安装联网车辆清单" },
        ],
      },
    ],
  },
  {
    unitCode: "sthjt",
    taskNumber: 20,
    year: 2026,
    role: "LEAD",
    measures: [
      {
        text: "建设细颗粒物和臭氧协同监测网络，新增 VOCs 组分自动监测站。",
        responsible: "省生态环境监测中心 主任",
        fundsPlanned: "3500",
        fundsSource: "中央大气污染防治资金、省级财政",
        milestones: [
          { title: "印发协同监测网络建设方案", plannedDate: "2026-03-31", deliverable: "省生态环境厅印发文件", doneDate: "2026-03-20" },
          { title: "完成 6 个组分站选址与招标", plannedDate: "2026-08-31", deliverable: "招标结果公告", doneDate: "2026-08-29" },
          { title: "组分站建成并联网试运行", plannedDate: "2026-12-25", deliverable: "试运行报告" },
        ],
      },
    ],
  },
  {
    unitCode: "ganzhou",
    taskNumber: 39,
    year: 2026,
    role: "SUPPORT",
    measures: [
      {
        text: "实施低产低效林改造和国家储备林基地建设。",
        responsible: "市林业局 造林科科长",
        fundsPlanned: "2800",
        fundsSpent: "1900",
        fundsSource: "国家储备林贷款、市县财政",
        milestones: [
          { title: "完成年度改造任务作业设计", plannedDate: "2026-02-28", deliverable: "作业设计批复", doneDate: "2026-02-26" },
          { title: "完成低产低效林改造 20 万亩", plannedDate: "2026-10-31", deliverable: "县级自查验收报告", doneDate: "2026-10-30" },
          { title: "新建国家储备林 5 万亩", plannedDate: "2026-12-31", deliverable: "储备林基地建设台账" },
        ],
      },
    ],
  },
];

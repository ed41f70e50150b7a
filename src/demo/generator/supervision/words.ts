/**
 * Word tables for the supervision files: district departments, car models with their price
 * ranges, public-rental estates, project names, ports and destinations. Kept beside the code
 * rather than in fixtures/ because each entry carries numbers the builders rely on.
 */
import type { Category, VehicleType } from './types.js';

/**
 * District bodies whose staff are officials, by the short name platform/regions/departments.ts
 * gives them: relative size, and whether they let building contracts.
 */
export const DEPARTMENTS: ReadonlyArray<readonly [string, number, boolean]> = [
  ['纪委监委', 3, false], ['组织部', 3, false], ['宣传部', 2, false], ['发改局', 3, false], ['经信局', 3, false], ['教育局', 6, true],
  ['科技局', 2, false], ['公安局', 8, false], ['民政局', 3, true], ['司法局', 3, false], ['财政局', 4, false], ['人社局', 4, false],
  ['规划资源局', 4, false], ['生态环境局', 3, true], ['住建局', 5, true], ['交通运输局', 4, true], ['农业农村局', 5, true],
  ['林业局', 4, true], ['水利水电局', 4, true], ['商务局', 2, false], ['文广旅体局', 4, true], ['卫健局', 5, true],
  ['退役军人局', 2, false], ['应急管理局', 3, false], ['审计局', 2, false], ['市场监管局', 6, false], ['统计局', 2, false],
  ['医保局', 2, false], ['综合执法局', 6, true], ['数据资源局', 2, false], ['机关事务中心', 2, true], ['住房保障中心', 2, true],
];

export interface CarModel {
  brand: string;
  type: VehicleType;
  low: number;
  high: number;
  weight: number;
  electric?: boolean;
}

export const CAR_MODELS: readonly CarModel[] = [
  { brand: '大众朗逸', type: '小型轿车', low: 100_000, high: 140_000, weight: 8 },
  { brand: '大众帕萨特', type: '小型轿车', low: 180_000, high: 240_000, weight: 3 },
  { brand: '丰田卡罗拉', type: '小型轿车', low: 110_000, high: 148_000, weight: 5 },
  { brand: '丰田凯美瑞', type: '小型轿车', low: 170_000, high: 230_000, weight: 3 },
  { brand: '本田雅阁', type: '小型轿车', low: 170_000, high: 230_000, weight: 2 },
  { brand: '本田思域', type: '小型轿车', low: 120_000, high: 149_000, weight: 2 },
  { brand: '日产轩逸', type: '小型轿车', low: 95_000, high: 140_000, weight: 5 },
  { brand: '别克英朗', type: '小型轿车', low: 90_000, high: 120_000, weight: 3 },
  { brand: '吉利帝豪', type: '小型轿车', low: 65_000, high: 95_000, weight: 6 },
  { brand: '比亚迪秦PLUS', type: '小型轿车', low: 100_000, high: 148_000, weight: 5, electric: true },
  { brand: '比亚迪汉', type: '小型轿车', low: 200_000, high: 280_000, weight: 2, electric: true },
  { brand: '特斯拉Model 3', type: '小型轿车', low: 230_000, high: 290_000, weight: 1, electric: true },
  { brand: '五菱宏光MINIEV', type: '小型轿车', low: 30_000, high: 50_000, weight: 4, electric: true },
  { brand: '宝马530Li', type: '小型轿车', low: 420_000, high: 520_000, weight: 1 },
  { brand: '奔驰C260L', type: '小型轿车', low: 300_000, high: 360_000, weight: 1 },
  { brand: '奥迪A6L', type: '小型轿车', low: 380_000, high: 480_000, weight: 1 },
  { brand: '哈弗H6', type: '小型越野客车', low: 100_000, high: 140_000, weight: 5 },
  { brand: '长安CS75', type: '小型越野客车', low: 90_000, high: 130_000, weight: 4 },
  { brand: '丰田RAV4荣放', type: '小型越野客车', low: 170_000, high: 240_000, weight: 2 },
  { brand: '理想L7', type: '小型越野客车', low: 300_000, high: 360_000, weight: 1, electric: true },
  { brand: '特斯拉Model Y', type: '小型越野客车', low: 250_000, high: 320_000, weight: 1, electric: true },
  { brand: '宝马X3', type: '小型越野客车', low: 380_000, high: 450_000, weight: 1 },
  { brand: '福田奥铃', type: '轻型货车', low: 90_000, high: 130_000, weight: 2 },
  { brand: '江淮帅铃', type: '轻型货车', low: 80_000, high: 120_000, weight: 2 },
  { brand: '五菱荣光小卡', type: '轻型货车', low: 50_000, high: 70_000, weight: 2 },
  { brand: '豪爵铃木', type: '摩托车', low: 8_000, high: 15_000, weight: 4 },
  { brand: '本田幻影', type: '摩托车', low: 10_000, high: 18_000, weight: 2 },
  { brand: '宗申', type: '三轮汽车', low: 15_000, high: 30_000, weight: 1 },
  { brand: '时风', type: '三轮汽车', low: 20_000, high: 35_000, weight: 1 },
  { brand: '奇瑞QQ（残疾人专用）', type: '残疾人专用车', low: 40_000, high: 60_000, weight: 0.3 },
  { brand: '丰田卡罗拉（残疾人专用）', type: '残疾人专用车', low: 120_000, high: 145_000, weight: 0.2 },
];

/** Adapted cars priced at or above the 150,000 line, for the look-alike the exclusion must drop. */
export const DEAR_ADAPTED_CARS: readonly CarModel[] = [
  { brand: '丰田凯美瑞（残疾人专用）', type: '残疾人专用车', low: 180_000, high: 210_000, weight: 1 },
  { brand: '本田雅阁（残疾人专用）', type: '残疾人专用车', low: 175_000, high: 205_000, weight: 1 },
];

/** Public-rental estates (公租房) of the subdistricts: the subdistrict and the estate's name. */
export const RENTAL_ESTATES: ReadonlyArray<readonly [string, string]> = [
  ['锦城街道', '城中公租房小区'], ['锦城街道', '钱王保障房小区'], ['锦北街道', '城北公租房小区'], ['锦北街道', '锦北人才公寓'],
  ['锦南街道', '锦南公租房小区'], ['青山湖街道', '青山湖公租房小区'], ['青山湖街道', '科技城人才公寓'], ['玲珑街道', '玲珑公租房小区'],
];

export const SCHOOLS = [
  '临安区锦城第一小学', '临安区锦城第二初级中学', '临安区青山湖小学', '临安区於潜第一初级中学', '临安区昌化中学', '临安区天目高级中学',
  '临安区玲珑初级中学', '临安区锦北幼儿园', '临安区太湖源小学', '临安区龙岗中学',
];

/** Project name templates by category: {town} {village} {school} {unit} {road}. */
export const PROJECTS: Record<Category, readonly string[]> = {
  工程: [
    '{town}{village}农村道路提升改造工程', '{town}{village}山塘除险加固工程', '{town}美丽城镇{road}综合整治工程', '{school}校舍维修改造工程',
    '{town}污水零直排区建设工程', '{town}{village}文化礼堂建设工程', '{town}卫生院业务用房改造工程', '苕溪{town}段河道综合治理工程',
    '{town}农田水利灌溉设施改造工程', '{town}{village}村庄环境整治工程', '{road}人行道及排水改造工程', '{town}{village}桥梁加固工程',
  ],
  货物: [
    '{unit}办公设备采购', '{school}教学设备采购', '{town}卫生院医疗设备采购', '{unit}执法记录仪采购', '{town}垃圾分类收集设备采购',
    '{unit}信息化设备采购', '{school}食堂设备采购',
  ],
  服务: [
    '{unit}物业管理服务', '{town}环境卫生保洁服务', '{unit}食堂餐饮服务', '{town}{village}村庄规划编制服务', '{unit}法律顾问服务',
    '{town}道路养护服务', '{unit}档案数字化服务',
  ],
};

export const ROADS = ['钱王街', '衣锦街', '城中街', '万马路', '石镜街', '苕溪北街', '武肃街', '天目路', '科技大道', '锦天路'];

export const DESTINATIONS: Record<'普通护照' | '往来港澳通行证' | '往来台湾通行证', readonly string[]> = {
  普通护照: ['日本', '泰国', '新加坡', '马来西亚', '韩国', '越南', '法国', '意大利', '澳大利亚', '新西兰', '美国'],
  往来港澳通行证: ['香港', '澳门'],
  往来台湾通行证: ['台湾'],
};

export const PORTS: Record<'普通护照' | '往来港澳通行证' | '往来台湾通行证' | '公务护照', readonly string[]> = {
  普通护照: ['上海浦东国际机场', '杭州萧山国际机场', '杭州萧山国际机场', '广州白云国际机场'],
  往来港澳通行证: ['深圳罗湖口岸', '深圳湾口岸', '珠海拱北口岸', '港珠澳大桥珠海公路口岸', '杭州萧山国际机场'],
  往来台湾通行证: ['杭州萧山国际机场', '上海浦东国际机场', '厦门高崎国际机场'],
  公务护照: ['上海浦东国际机场', '杭州萧山国际机场', '北京首都国际机场'],
};

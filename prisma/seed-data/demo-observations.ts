/**
 * Labelled demo history: the public figures collected in ../shared/notes/jiangxi-public-figures.md,
 * loaded in demo mode as accepted observations marked `demo` (the UI says so). Nothing here is
 * estimated or filled in: a year without a public figure has no value.
 */
export interface DemoObservation {
  indicatorCode: string;
  /** "province" or a city's code. */
  area: string;
  year: number;
  value: number;
  source: string;
}

const bulletin = (year: number) => `公开数据（${year}）：江西省生态环境状况公报`;
const release = (year: number) => `公开数据（${year}）：省政府新闻发布`;

const series = (
  indicatorCode: string,
  values: [number, number][],
  source: (year: number) => string,
  area = "province",
): DemoObservation[] => values.map(([year, value]) => ({ indicatorCode, area, year, value, source: source(year) }));

export const DEMO_OBSERVATIONS: readonly DemoObservation[] = [
  ...series(
    "PM25",
    [
      [2021, 29],
      [2022, 27],
      [2023, 29],
      [2024, 27],
      [2025, 27.4],
    ],
    bulletin,
  ),
  ...series("PM25", [[2024, 32]], bulletin, "nanchang"),
  ...series(
    "SURFACE_WATER_GOOD",
    [
      [2023, 97],
      [2024, 97.7],
      [2025, 97.7],
    ],
    (year) => `${bulletin(year)}（国考断面）`,
  ),
  ...series(
    "FOREST_COVERAGE",
    [
      [2020, 63.1],
      [2021, 63.1],
      [2022, 63.1],
      [2023, 63.1],
      [2024, 63.1],
    ],
    release,
  ),
  ...series("WETLAND_PROTECTION_RATE", [[2023, 62]], release),
  ...series("PROTECTED_AREA_SHARE", [[2020, 11.46]], release),
  ...series("FARMLAND_RETAINED", [[2019, 4082.43]], (year) => `公开数据（${year}）：第三次全国国土调查江西省主要数据公报`),
  ...series("NEW_ENERGY_CAPACITY", [[2020, 1366]], release),
  ...series(
    "ECO_CIVILIZATION_DEMO_ZONES",
    [
      [2024, 28],
      [2025, 31],
    ],
    release,
  ),
  ...series(
    "TWO_MOUNTAINS_BASES",
    [
      [2024, 10],
      [2025, 13],
    ],
    release,
  ),
  ...series("ZERO_WASTE_CITY_LISTED", [[2022, 36.4]], (year) => `${release(year)}：11个设区市中4个列入名单`),
];

/** 好差评: five levels, 5 = 非常满意 … 1 = 非常不满意, and the standard tags per level. */
export const EVALUATION_LEVELS = {
  5: { zh: '非常满意', en: 'Very satisfied' },
  4: { zh: '满意', en: 'Satisfied' },
  3: { zh: '基本满意', en: 'Basically satisfied' },
  2: { zh: '不满意', en: 'Dissatisfied' },
  1: { zh: '非常不满意', en: 'Very dissatisfied' },
} as const;

export type EvaluationLevel = keyof typeof EVALUATION_LEVELS;

export const EVALUATION_TAGS: Record<EvaluationLevel, readonly string[]> = {
  5: ['服务热情', '办事高效', '一次办好', '指引清晰', '环境舒适'],
  4: ['服务热情', '办事高效', '指引清晰'],
  3: ['等候较久', '材料要求较多', '指引不够清晰'],
  2: ['等候时间长', '服务态度差', '多次跑动', '材料要求不明确', '办理效率低'],
  1: ['等候时间长', '服务态度差', '多次跑动', '推诿扯皮', '吃拿卡要', '材料要求不明确'],
};

/** 不满意 and 非常不满意 open a 差评整改 follow-up. */
export const isBadReview = (level: number): boolean => level <= 2;

export function isEvaluationLevel(n: number): n is EvaluationLevel {
  return Number.isInteger(n) && n >= 1 && n <= 5;
}

/** One stated target and whether this run met it. */
export interface TargetCheck {
  target: string;
  measured: number;
  met: boolean;
}

export function atLeast(target: string, measured: number, limit: number): TargetCheck {
  return { target, measured, met: measured >= limit };
}

export function atMost(target: string, measured: number, limit: number): TargetCheck {
  return { target, measured, met: measured <= limit };
}

export function below(target: string, measured: number, limit: number): TargetCheck {
  return { target, measured, met: measured < limit };
}

/** The welfare section's money figures per program (fen), in the order of the union's report. */
export function aidByProgram(welfare: Record<string, unknown> | null): [string, number][] {
  if (!welfare) return [];
  const amount = (key: string) => {
    const value = welfare[key];
    if (typeof value === 'number') return value;
    if (value && typeof value === 'object' && typeof (value as { amountFen?: unknown }).amountFen === 'number') {
      return (value as { amountFen: number }).amountFen;
    }
    return 0;
  };
  return [
    ['condolence-visit', amount('condolenceFen')],
    ['student-aid', amount('studentAid')],
    ['model-worker-condolence', amount('modelWorkerCondolence')],
    ['model-worker-living-subsidy', amount('modelWorkerLivingSubsidy')],
    ['model-worker-special-hardship', amount('modelWorkerSpecialHardship')],
    ['community-aid', amount('communityAidFen')],
  ];
}

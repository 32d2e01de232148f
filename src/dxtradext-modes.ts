/** DxTradeXT's integration modes (document 003): who manages the dxFeed side; onboarding, login and deactivation follow it. */
export const dxTradeXtModes = ['single-feed', 'xt', 'crm'] as const;
export type DxTradeXtMode = (typeof dxTradeXtModes)[number];

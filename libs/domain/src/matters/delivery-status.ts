/** on_track = green, at_risk = amber, off_track = red. */
export const DELIVERY_STATUSES = ['on_track', 'at_risk', 'off_track'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

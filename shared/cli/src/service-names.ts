/**
 * The services `marsad start` knows, in start order. Apart from their definitions (services.ts) so that
 * the command line can name them without loading every service: `marsad classify` starts in a fraction
 * of the time.
 */
export const SERVICE_NAMES = ['fetcher', 'classifier', 'store', 'alerter', 'dashboard'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

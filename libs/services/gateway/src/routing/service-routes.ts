import { GatewayEnvironment } from '../gateway.config';

/** The services behind the gateway and the variable that locates each. */
export const ROUTED_SERVICES = ['procurement', 'maintenance', 'catering', 'transport', 'evaluation'] as const;
export type RoutedService = (typeof ROUTED_SERVICES)[number];

export function isRoutedService(value: string): value is RoutedService {
  return (ROUTED_SERVICES as readonly string[]).includes(value);
}

export function upstreamUrl(config: GatewayEnvironment, service: RoutedService): string {
  const urls: Record<RoutedService, string> = {
    procurement: config.PROCUREMENT_URL,
    maintenance: config.MAINTENANCE_URL,
    catering: config.CATERING_URL,
    transport: config.TRANSPORT_URL,
    evaluation: config.EVALUATION_URL,
  };
  return urls[service].replace(/\/+$/, '');
}

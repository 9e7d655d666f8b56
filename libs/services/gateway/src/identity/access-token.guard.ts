/**
 * Gateway-own controllers guard their routes with the gateway's access guard: authentication by
 * access token, identity-provider token or API key, then the route's policy.
 */
export { GatewayAccessGuard as AccessTokenGuard } from '../access/gateway-access.guard';
export type { ApiKeyGrant, GatewayRequest } from '../access/gateway-request';

/** What both launchers print once the platform is up (npm start and npm run start:distributed). */
export interface BannerInput {
  /** First line, e.g. `Houqin is running (single process).` */
  title: string;
  gatewayUrl: string;
  services: Array<{ name: string; url: string }>;
  demo: {
    agencyId: string;
    accessToken: string;
    admin: { agencyCode: string; username: string; password: string };
  };
  /** Set when GATEWAY_BOOTSTRAP_ADMIN_PASSWORD was given: the platform admin `admin` exists. */
  platformAdmin?: string;
}

export function banner(input: BannerInput): string {
  const { gatewayUrl, demo } = input;
  const login = JSON.stringify({ username: demo.admin.username, password: demo.admin.password });
  const lines = [
    '',
    input.title,
    `  Gateway:   ${gatewayUrl}`,
    `  API docs:  ${gatewayUrl}/docs`,
    `  Console:   ${gatewayUrl}/  (log in as the demo agency admin below; it opens accounts for the agency's people)`,
    ...input.services.map((service) => `  ${service.name.padEnd(11)} ${service.url}/docs`),
    '',
    `Demo access token (agency ${demo.agencyId}, roles staff + logistics-manager, valid 12 h):`,
    demo.accessToken,
    '',
    `Try: curl -H "Authorization: Bearer <token>" ${gatewayUrl}/api/v1/maintenance/repair-requests`,
    '',
    `Demo agency admin (agency-admin of agency '${demo.admin.agencyCode}': people, API keys, webhooks, the live event stream):`,
    `  username ${demo.admin.username}  password ${demo.admin.password}`,
    `  curl -X POST ${gatewayUrl}/api/v1/auth/login -H 'content-type: application/json' -d '${login}'`,
    ...(input.platformAdmin ? ['', `Platform admin: username ${input.platformAdmin}, the password of GATEWAY_BOOTSTRAP_ADMIN_PASSWORD (created on the first start only)`] : []),
    '',
  ];
  return `${lines.join('\n')}\n`;
}

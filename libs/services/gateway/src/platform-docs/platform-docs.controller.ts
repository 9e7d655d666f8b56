import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PublicRoute } from '@houqin/service-kit';
import { OpenApiDocument } from './merge-openapi';
import { PlatformDocsService } from './platform-docs.service';

export const PLATFORM_DOCUMENT_PATH = '/api/openapi.json';
export const PLATFORM_DOCS_PATH = '/api/docs';

/** Swagger UI's page: its scripts and stylesheet are the ones the kit already serves at /docs/. */
const DOCS_PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <title>Houqin platform API</title>
  <link rel="stylesheet" type="text/css" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/swagger-ui-standalone-preset.js"></script>
  <script src="${PLATFORM_DOCS_PATH}/swagger-ui-init.js"></script>
</body>
</html>
`;

const DOCS_INIT = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '${PLATFORM_DOCUMENT_PATH}',
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  });
};
`;

/** The same policy the edge gives /docs: Swagger UI's own scripts and styles, the document from this origin. */
const DOCS_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** The whole platform's API: the merged document and Swagger UI over it. */
@ApiExcludeController()
@PublicRoute()
@Controller('api')
export class PlatformDocsController {
  constructor(private readonly docs: PlatformDocsService) {}

  @Get('openapi.json')
  @Header('Cache-Control', 'no-cache')
  document(): Promise<OpenApiDocument> {
    return this.docs.document();
  }

  @Get('docs')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', DOCS_CONTENT_SECURITY_POLICY)
  page(): string {
    return DOCS_PAGE;
  }

  @Get('docs/swagger-ui-init.js')
  @Header('Content-Type', 'application/javascript; charset=utf-8')
  init(): string {
    return DOCS_INIT;
  }
}

-- docker-compose only: one database and one login role per app with a database (the five services
-- and the gateway, which owns identity), each role owning its database
-- and nothing else. Runs once, when the postgres volume is first initialised
-- (/docker-entrypoint-initdb.d). The passwords are DEVELOPMENT-ONLY values that docker-compose.yml
-- repeats in each app's DATABASE_URL; Kubernetes never uses this file (k8s/overlays/dev creates
-- its roles from a Secret, production uses managed PostgreSQL).
-- tools/deploy/compose.spec.ts checks that every such app's database and role is created here.

CREATE ROLE gateway LOGIN PASSWORD 'gateway-dev-only';
CREATE DATABASE houqin_gateway OWNER gateway;
REVOKE ALL ON DATABASE houqin_gateway FROM PUBLIC;

CREATE ROLE procurement LOGIN PASSWORD 'procurement-dev-only';
CREATE DATABASE houqin_procurement OWNER procurement;
REVOKE ALL ON DATABASE houqin_procurement FROM PUBLIC;

CREATE ROLE maintenance LOGIN PASSWORD 'maintenance-dev-only';
CREATE DATABASE houqin_maintenance OWNER maintenance;
REVOKE ALL ON DATABASE houqin_maintenance FROM PUBLIC;

CREATE ROLE catering LOGIN PASSWORD 'catering-dev-only';
CREATE DATABASE houqin_catering OWNER catering;
REVOKE ALL ON DATABASE houqin_catering FROM PUBLIC;

CREATE ROLE transport LOGIN PASSWORD 'transport-dev-only';
CREATE DATABASE houqin_transport OWNER transport;
REVOKE ALL ON DATABASE houqin_transport FROM PUBLIC;

CREATE ROLE evaluation LOGIN PASSWORD 'evaluation-dev-only';
CREATE DATABASE houqin_evaluation OWNER evaluation;
REVOKE ALL ON DATABASE houqin_evaluation FROM PUBLIC;

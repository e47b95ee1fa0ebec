export { startK8sApiServer, type K8sApiServer, type K8sApiServerOptions } from './k8s-api-server.js';

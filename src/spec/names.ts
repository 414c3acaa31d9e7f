/** The names the plugin derived from a component name: the constructs own them; the input side checks with them. */
export { MAX_NAME, deploymentName, ipv6NodePortServiceName, nodePortServiceName, serviceName } from '../constructs/private/names';

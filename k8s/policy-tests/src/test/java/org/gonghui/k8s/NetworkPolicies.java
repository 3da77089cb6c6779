package org.gonghui.k8s;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * A small evaluator of Kubernetes NetworkPolicy semantics (pod and namespace selectors, ports, policy types) over the
 * rendered policies, so that the tests can ask "may A open TCP port P on B?" the way a CNI plugin would answer.
 * Only pod-to-pod traffic is modelled: ipBlock peers never match a pod here.
 */
final class NetworkPolicies {

    /** A pod as the policies see it: namespace, labels and named container ports. */
    record Pod(String name, String namespace, Map<String, String> labels, Map<String, Integer> namedPorts) {
        Map<String, String> namespaceLabels() {
            return Map.of("kubernetes.io/metadata.name", namespace);
        }
    }

    private final List<NetworkPolicy> policies;
    private final String namespace;

    NetworkPolicies(List<NetworkPolicy> policies, String namespace) {
        this.policies = policies;
        this.namespace = namespace;
    }

    /** Both sides must agree: the source's egress policies and the destination's ingress policies. */
    boolean allows(Pod from, Pod to, int port) {
        return egressAllowed(from, to, port) && ingressAllowed(from, to, port);
    }

    boolean egressAllowed(Pod from, Pod to, int port) {
        if (!from.namespace().equals(namespace)) {
            return true; // not governed by the policies of this namespace
        }
        List<NetworkPolicy> isolating = policies.stream()
                .filter(p -> selects(p, from) && types(p).contains("Egress")).toList();
        if (isolating.isEmpty()) {
            return true;
        }
        return isolating.stream().flatMap(p -> p.getSpec().getEgress() == null ? java.util.stream.Stream.empty()
                : p.getSpec().getEgress().stream())
                .anyMatch(rule -> peersMatch(rule.getTo(), to) && portsMatch(rule.getPorts(), to, port));
    }

    boolean ingressAllowed(Pod from, Pod to, int port) {
        if (!to.namespace().equals(namespace)) {
            return true;
        }
        List<NetworkPolicy> isolating = policies.stream()
                .filter(p -> selects(p, to) && types(p).contains("Ingress")).toList();
        if (isolating.isEmpty()) {
            return true;
        }
        return isolating.stream().flatMap(p -> p.getSpec().getIngress() == null ? java.util.stream.Stream.empty()
                : p.getSpec().getIngress().stream())
                .anyMatch(rule -> peersMatch(rule.getFrom(), from) && portsMatch(rule.getPorts(), to, port));
    }

    /** The policies that select the pod (empty when the pod is not isolated). */
    List<NetworkPolicy> selecting(Pod pod) {
        return policies.stream().filter(p -> selects(p, pod)).toList();
    }

    private boolean selects(NetworkPolicy policy, Pod pod) {
        return pod.namespace().equals(namespace) && matches(policy.getSpec().getPodSelector(), pod.labels());
    }

    private static List<String> types(NetworkPolicy policy) {
        if (policy.getSpec().getPolicyTypes() != null && !policy.getSpec().getPolicyTypes().isEmpty()) {
            return policy.getSpec().getPolicyTypes();
        }
        boolean egress = policy.getSpec().getEgress() != null && !policy.getSpec().getEgress().isEmpty();
        return egress ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    private boolean peersMatch(List<NetworkPolicyPeer> peers, Pod pod) {
        if (peers == null || peers.isEmpty()) {
            return true; // no peers: every source / destination
        }
        return peers.stream().anyMatch(peer -> peerMatches(peer, pod));
    }

    private boolean peerMatches(NetworkPolicyPeer peer, Pod pod) {
        if (peer.getIpBlock() != null) {
            return false;
        }
        if (peer.getNamespaceSelector() != null) {
            return matches(peer.getNamespaceSelector(), pod.namespaceLabels())
                    && (peer.getPodSelector() == null || matches(peer.getPodSelector(), pod.labels()));
        }
        return pod.namespace().equals(namespace) && peer.getPodSelector() != null
                && matches(peer.getPodSelector(), pod.labels());
    }

    private static boolean portsMatch(List<NetworkPolicyPort> ports, Pod destination, int port) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        return ports.stream().anyMatch(p -> {
            String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
            if (!protocol.equals("TCP")) {
                return false;
            }
            IntOrString value = p.getPort();
            if (value == null) {
                return true;
            }
            if (value.getIntVal() != null) {
                int end = p.getEndPort() == null ? value.getIntVal() : p.getEndPort();
                return port >= value.getIntVal() && port <= end;
            }
            Integer named = destination.namedPorts().get(value.getStrVal());
            return named != null && named == port;
        });
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null) {
            for (var e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (var expression : selector.getMatchExpressions()) {
                String value = labels.get(expression.getKey());
                boolean ok = switch (expression.getOperator()) {
                    case "In" -> value != null && expression.getValues().contains(value);
                    case "NotIn" -> value == null || !expression.getValues().contains(value);
                    case "Exists" -> labels.containsKey(expression.getKey());
                    case "DoesNotExist" -> !labels.containsKey(expression.getKey());
                    default -> throw new AssertionError("unknown selector operator " + expression.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }
}

package tokenstream.servicekit.security;

import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.Use;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.HmacKey;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

import java.security.Key;
import java.util.List;
import java.util.Set;

/**
 * Picks the key for a token from its {@code alg}, so that the algorithm decides the kind of key and never the other
 * way round: HS256 gets the shared secret and nothing else (an HS256 token "signed" with a public key's bytes fails),
 * the public-key algorithms get the configured public keys and never the secret.
 */
final class KeySelector implements VerificationKeyResolver {
    static final Set<String> PUBLIC_KEY_ALGORITHMS = Set.of(
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384,
            AlgorithmIdentifiers.RSA_USING_SHA512, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
            AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384);

    private final HmacKey secret;
    private final List<PublicJsonWebKey> publicKeys;
    private final JwksVerificationKeyResolver byKid;

    KeySelector(TokenKeys keys) {
        this.secret = keys.secret().map(HmacKey::new).orElse(null);
        this.publicKeys = keys.publicKeys();
        this.byKid = new JwksVerificationKeyResolver(List.copyOf(publicKeys));
        // A JWKS may repeat a kid across a rotation; the signature tells which one is meant.
        byKid.setDisambiguateWithVerifySignature(true);
    }

    @Override
    public Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nestingContext) throws UnresolvableKeyException {
        String alg = jws.getAlgorithmHeaderValue();
        if (AlgorithmIdentifiers.HMAC_SHA256.equals(alg)) {
            if (secret == null) {
                throw new UnresolvableKeyException("HS256 is accepted only with the shared secret, which is not set");
            }
            return secret;
        }
        if (!PUBLIC_KEY_ALGORITHMS.contains(alg)) {
            throw new UnresolvableKeyException("the algorithm is not accepted");
        }
        String kid = jws.getKeyIdHeaderValue();
        if (kid != null && publicKeys.stream().anyMatch(key -> kid.equals(key.getKeyId()))) {
            return byKid.resolveKey(jws, nestingContext);
        }
        // No kid, or one no key carries (PEM keys have none): any configured key that verifies the signature will do,
        // they are all trusted alike; a kid that names a different key excludes that key.
        return firstThatVerifies(jws, kid);
    }

    private Key firstThatVerifies(JsonWebSignature jws, String kid) throws UnresolvableKeyException {
        String keyType;
        try {
            keyType = jws.getKeyType();
        } catch (JoseException e) {
            throw new UnresolvableKeyException("the algorithm is not accepted", e);
        }
        for (PublicJsonWebKey candidate : publicKeys) {
            if (!keyType.equals(candidate.getKeyType()) || Use.ENCRYPTION.equals(candidate.getUse())
                    || kid != null && candidate.getKeyId() != null) {
                continue;
            }
            try {
                jws.setKey(candidate.getPublicKey());
                if (jws.verifySignature()) {
                    return candidate.getPublicKey();
                }
            } catch (JoseException e) {
                // A key this algorithm cannot use (another curve): not this one.
            }
        }
        throw new UnresolvableKeyException("no configured public key verifies the signature");
    }
}

package golf.linkup.engine.notifications.push;

/** The worked example of RFC 8291 §5 (base64url): one aes128gcm record, rs = 4096. */
public final class Rfc8291Example {

    public static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
    public static final String UA_PUBLIC =
            "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    public static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    public static final String AUTH_SECRET = "BTBZMqHH6r4Tts7J_aSIgg";
    public static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLoc"
            + "InmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    private Rfc8291Example() {
    }
}

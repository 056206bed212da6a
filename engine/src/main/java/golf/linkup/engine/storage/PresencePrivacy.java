package golf.linkup.engine.storage;

/**
 * A user's presence privacy (users choose whether others see their presence): a hidden
 * user appears offline to everyone. Stored in {@code presence_settings} (V7); absent means visible.
 */
public interface PresencePrivacy {

    boolean isHidden(String userId);

    /** The users among {@code userIds} who hide their presence (one query for many connections). */
    default java.util.Set<String> hiddenAmong(java.util.Collection<String> userIds) {
        java.util.Set<String> hidden = new java.util.HashSet<>();
        for (String userId : userIds) {
            if (isHidden(userId)) {
                hidden.add(userId);
            }
        }
        return hidden;
    }

    void setHidden(String userId, boolean hidden);

    /** Everyone visible, nothing stored (tests without a database). */
    PresencePrivacy VISIBLE = new PresencePrivacy() {
        @Override
        public boolean isHidden(String userId) {
            return false;
        }

        @Override
        public void setHidden(String userId, boolean hidden) {
        }
    };
}

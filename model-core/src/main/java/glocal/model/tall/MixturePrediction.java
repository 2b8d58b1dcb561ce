package glocal.model.tall;

/**
 * What the mixture says about a batch of users: each expert's loss on each user's history, the gate
 * weights read off those losses, and the mixture's probability of every title, {@code p_u(t) = Σ_e
 * gate_e(u) · softmax(logits_e(u))_t}.
 *
 * @param users users in the batch
 * @param titles titles in the vocabulary
 * @param losses {@code losses[e][u]}: expert e's loss on user u (NLL + β·KL, inference mode)
 * @param gates {@code gates[e * users + u]}
 * @param scores {@code scores[u * titles + t]}: mixture probabilities; each user's row sums to 1
 */
public record MixturePrediction(
        int users, int titles, float[][] losses, float[] gates, float[] scores) {

    public float loss(int user, int expert) {
        return losses[expert][user];
    }

    public float gate(int user, int expert) {
        return gates[expert * users + user];
    }

    public float score(int user, int title) {
        return scores[user * titles + title];
    }

    /** The user's gate weights, one per expert. */
    public float[] gatesOf(int user) {
        float[] g = new float[losses.length];
        for (int e = 0; e < g.length; e++) {
            g[e] = gate(user, e);
        }
        return g;
    }
}

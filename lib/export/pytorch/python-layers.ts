/**
 * The few layers model.py defines itself, where torch.nn has no class with
 * our exact semantics (a scaled embedding, positions added to the input,
 * residual additions, pooling heads, averaged heads). Each is written on top
 * of the torch.nn class whose parameter names it keeps, so the state_dict
 * keys stay the design's. Only the classes a design uses are emitted.
 */

/** A helper class of model.py. */
export type PythonLayer =
  | 'ScaledEmbedding'
  | 'SinusoidalEncoding'
  | 'LearnedPositions'
  | 'PaddingMask'
  | 'Residual'
  | 'AddNorm'
  | 'FeedForward'
  | 'MeanHeadAttention'
  | 'BiasFreeAttention'
  | 'ClassificationHead'
  | 'RegressionHead';

export const PYTHON_LAYERS: Record<PythonLayer, string> = {
  ScaledEmbedding: `class ScaledEmbedding(nn.Embedding):
    """nn.Embedding whose output is multiplied by sqrt(embedding_dim), as in the paper (section 3.4)."""

    def forward(self, ids):
        return super().forward(ids) * math.sqrt(self.embedding_dim)`,

  SinusoidalEncoding: `class SinusoidalEncoding(nn.Module):
    """Adds PE[pos, 2i] = sin(pos / 10000^(2i/d)), PE[pos, 2i+1] = cos(...); no parameters."""

    def __init__(self, d_model, max_len):
        super().__init__()
        self.d_model = d_model
        self.max_len = max_len

    def forward(self, x):
        steps, d = x.size(1), self.d_model
        assert steps <= self.max_len, f"{steps} positions exceed max_len {self.max_len}"
        pos = torch.arange(steps, dtype=torch.float64).unsqueeze(1)
        angle = pos / torch.pow(10000.0, torch.arange(0, d, 2, dtype=torch.float64) / d)
        pe = torch.zeros(steps, d, dtype=torch.float64)
        pe[:, 0::2] = torch.sin(angle)
        pe[:, 1::2] = torch.cos(angle[:, : d // 2])
        return x + pe.to(dtype=x.dtype, device=x.device)`,

  LearnedPositions: `class LearnedPositions(nn.Embedding):
    """A learned vector per position (weight [max_len, d]), added to the input."""

    def forward(self, x):
        return x + self.weight[: x.size(1)]`,

  PaddingMask: `class PaddingMask(nn.Module):
    """True where a token is padding: attention ignores those keys."""

    def __init__(self, pad_id):
        super().__init__()
        self.pad_id = pad_id

    def forward(self, tokens):
        return tokens == self.pad_id`,

  Residual: `class Residual(nn.Module):
    """residual + dropout(sublayer)."""

    def __init__(self, dropout):
        super().__init__()
        self.dropout = nn.Dropout(dropout)

    def forward(self, residual, sublayer):
        return residual + self.dropout(sublayer)`,

  AddNorm: `class AddNorm(nn.LayerNorm):
    """LayerNorm(residual + dropout(sublayer)): the paper's post-LN "Add & Norm"."""

    def __init__(self, d_model, eps, dropout):
        super().__init__(d_model, eps=eps)
        self.dropout = nn.Dropout(dropout)

    def forward(self, residual, sublayer):
        return super().forward(residual + self.dropout(sublayer))`,

  FeedForward: `class FeedForward(nn.Module):
    """linear1 -> activation -> dropout -> linear2, with nn.TransformerEncoderLayer's names."""

    def __init__(self, d_model, d_ff, activation, dropout, bias):
        super().__init__()
        self.linear1 = nn.Linear(d_model, d_ff, bias=bias)
        self.activation = activation
        self.dropout = nn.Dropout(dropout)
        self.linear2 = nn.Linear(d_ff, d_model, bias=bias)

    def forward(self, x):
        h = self.linear1(x)
        if self.activation == "relu":
            h = F.relu(h)
        elif self.activation == "gelu":
            h = F.gelu(h)
        elif self.activation == "gelu_tanh":
            h = F.gelu(h, approximate="tanh")
        else:
            h = F.silu(h)
        return self.linear2(self.dropout(h))`,

  MeanHeadAttention: `class MeanHeadAttention(nn.Module):
    """nn.MultiheadAttention's parameters and masks, but the heads are averaged
    (width d / heads) instead of concatenated, so out_proj maps d / heads -> d."""

    def __init__(self, embed_dim, num_heads, dropout=0.0, bias=True):
        super().__init__()
        self.embed_dim, self.num_heads, self.head_dim = embed_dim, num_heads, embed_dim // num_heads
        self.in_proj_weight = nn.Parameter(torch.empty(3 * embed_dim, embed_dim))
        self.in_proj_bias = nn.Parameter(torch.zeros(3 * embed_dim)) if bias else None
        self.out_proj = nn.Linear(self.head_dim, embed_dim, bias=bias)
        self.dropout = nn.Dropout(dropout)
        nn.init.xavier_uniform_(self.in_proj_weight)

    def forward(self, query, key, value, key_padding_mask=None, need_weights=False, attn_mask=None):
        d, h, hd = self.embed_dim, self.num_heads, self.head_dim
        w, b = self.in_proj_weight, self.in_proj_bias
        bq, bk, bv = (None, None, None) if b is None else (b[:d], b[d : 2 * d], b[2 * d :])
        q = F.linear(query, w[:d], bq)
        k = F.linear(key, w[d : 2 * d], bk)
        v = F.linear(value, w[2 * d :], bv)
        split = lambda t: t.view(t.size(0), t.size(1), h, hd).transpose(1, 2)
        scores = (split(q) / math.sqrt(hd)) @ split(k).transpose(2, 3)
        if attn_mask is not None:
            scores = scores.masked_fill(attn_mask, float("-inf"))
        if key_padding_mask is not None:
            scores = scores.masked_fill(key_padding_mask[:, None, None, :], float("-inf"))
        weights = self.dropout(torch.softmax(scores, dim=-1))
        out = self.out_proj((weights @ split(v)).mean(dim=1))
        return out, (weights if need_weights else None)`,

  BiasFreeAttention: `class BiasFreeAttention(nn.MultiheadAttention):
    """nn.MultiheadAttention(bias=False). torch 1.13's fused inference path fails without biases;
    passing the key and value as views (the same values) keeps the standard path."""

    def __init__(self, embed_dim, num_heads, dropout=0.0):
        super().__init__(embed_dim, num_heads, dropout=dropout, bias=False, batch_first=True)

    def forward(self, query, key, value, **kwargs):
        return super().forward(query, key.view_as(key), value.view_as(value), **kwargs)`,

  ClassificationHead: `class ClassificationHead(nn.Linear):
    """Pools [batch, seq, d] to [batch, d] (mean, first or last position), then a Linear to class logits."""

    def __init__(self, d_model, classes, pooling):
        super().__init__(d_model, classes)
        self.pooling = pooling

    def forward(self, x):
        if self.pooling == "mean":
            x = x.mean(dim=1)
        else:
            x = x[:, 0] if self.pooling == "first" else x[:, -1]
        return super().forward(x)`,

  RegressionHead: `class RegressionHead(nn.Linear):
    """The last position's vector -> [batch, horizon, outputs] forecasts."""

    def __init__(self, d_model, horizon, outputs):
        super().__init__(d_model, horizon * outputs)
        self.horizon, self.outputs = horizon, outputs

    def forward(self, x):
        return super().forward(x[:, -1]).view(x.size(0), self.horizon, self.outputs)`,
};

namespace ComplaintFlow.Core.Triage;

/// <summary>One training or evaluation row: a text and its label (<c>text,category</c> rows from a desk are the same).</summary>
public sealed record LabelledText(string Text, string Label);

/// <summary>How a <see cref="LinearTextModel"/> is trained. The defaults made the shipped sentiment model.</summary>
public sealed record TrainingOptions
{
    /// <summary>2^Bits hashed buckets per label (16: 65,536, 256 KB of floats per label in memory, so the weights a text touches stay in cache).</summary>
    public int Bits { get; init; } = 16;

    public int Epochs { get; init; } = 15;
    public double LearningRate { get; init; } = 0.4;

    /// <summary>L2 penalty on the weights a row touches; keeps rare n-grams from deciding alone.</summary>
    public double L2 { get; init; } = 1e-5;

    /// <summary>Fixed, so a retrain on the same rows gives the same model.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Weights each row by the inverse of its label's share, so a rare label (neutral) is not drowned.</summary>
    public bool BalanceLabels { get; init; } = true;
}

/// <summary>
/// Trains a <see cref="LinearTextModel"/> by stochastic gradient descent on the log loss, rows in a seeded order,
/// learning rate decaying per epoch. Deterministic: same rows, same options, same weights.
/// </summary>
public static class LinearTextModelTrainer
{
    public static LinearTextModel Train(IReadOnlyList<LabelledText> rows, ModelDescription description, TrainingOptions? options = null)
    {
        options ??= new TrainingOptions();
        if (rows.Count == 0)
        {
            throw new ArgumentException("No rows to train on.", nameof(rows));
        }

        string[] labels = [.. rows.Select(r => r.Label).Distinct().Order(StringComparer.Ordinal)];
        if (labels.Length < 2)
        {
            throw new ArgumentException($"Training needs at least two labels (got {labels.Length}).", nameof(rows));
        }

        var classes = labels.Length;
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var features = new int[rows.Count][];
        var targets = new int[rows.Count];
        var buffer = new List<int>(4096);
        for (var r = 0; r < rows.Count; r++)
        {
            buffer.Clear();
            TextFeatures.Extract(rows[r].Text, options.Bits, buffer);
            features[r] = [.. buffer];
            targets[r] = index[rows[r].Label];
        }

        var counts = new int[classes];
        foreach (var t in targets)
        {
            counts[t]++;
        }

        var labelWeight = counts.Select(c => options.BalanceLabels ? (double)rows.Count / (classes * c) : 1).ToArray();
        var weights = new float[(1 << options.Bits) * classes];
        var bias = new float[classes];
        var model = new LinearTextModel(description, labels, options.Bits, weights, bias);
        var order = Enumerable.Range(0, rows.Count).ToArray();
        var random = new Random(options.Seed);
        var scores = new double[classes];
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            var rate = options.LearningRate / (1 + epoch);
            foreach (var r in order)
            {
                if (features[r].Length == 0)
                {
                    continue;
                }

                var list = features[r];
                model.Score(list, scores);
                LinearTextModel.Softmax(scores);
                var scale = LinearTextModel.FeatureScale(list.Length);
                for (var k = 0; k < classes; k++)
                {
                    var gradient = (scores[k] - (k == targets[r] ? 1 : 0)) * labelWeight[targets[r]];
                    bias[k] -= (float)(rate * gradient);
                    var step = rate * gradient * scale;
                    foreach (var f in list)
                    {
                        var i = (f * classes) + k;
                        weights[i] -= (float)(step + (rate * options.L2 * weights[i]));
                    }
                }
            }
        }

        return model;
    }

    /// <summary>The mean over labels of each label's F1 (labels = every expected label), with the accuracy.</summary>
    public static (double MacroF1, double Accuracy) Score(IReadOnlyList<(string Expected, string Actual)> pairs)
    {
        var labels = pairs.Select(p => p.Expected).Distinct().ToList();
        double f1Sum = 0;
        foreach (var label in labels)
        {
            var truePositive = pairs.Count(p => p.Expected == label && p.Actual == label);
            var predicted = pairs.Count(p => p.Actual == label);
            var actual = pairs.Count(p => p.Expected == label);
            var precision = predicted == 0 ? 0 : (double)truePositive / predicted;
            var recall = actual == 0 ? 0 : (double)truePositive / actual;
            f1Sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }

        return (labels.Count == 0 ? 0 : f1Sum / labels.Count, pairs.Count == 0 ? 0 : (double)pairs.Count(p => p.Expected == p.Actual) / pairs.Count);
    }
}

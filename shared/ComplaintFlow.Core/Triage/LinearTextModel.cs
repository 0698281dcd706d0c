using System.IO.Compression;
using System.Text;

namespace ComplaintFlow.Core.Triage;

/// <summary>What a <see cref="LinearTextModel"/> says about one text: a probability per label, best first.</summary>
public readonly record struct ModelPrediction(string Label, double Probability, IReadOnlyList<double> Probabilities);

/// <summary>
/// A multinomial logistic regression over hashed n-grams (<see cref="TextFeatures"/>): one weight per bucket and
/// label, so scoring a text is one pass over it and a few additions per n-gram, with nothing to allocate but the
/// answer. The same type serves sentiment (negative / neutral / positive) and a category model: the labels are data.
/// Trained by <see cref="LinearTextModelTrainer"/>; saved as gzip'd half-precision weights with its name, version
/// and the figures it was validated with, so a stored model says what it is.
/// </summary>
public sealed class LinearTextModel
{
    private const string Magic = "CFTM";
    private const int FormatVersion = 1;

    [ThreadStatic]
    private static int[]? t_buffer;

    private readonly float[] _weights;
    private readonly float[] _bias;

    public LinearTextModel(ModelDescription description, IReadOnlyList<string> labels, int bits, float[] weights, float[] bias)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(labels.Count, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 8);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 24);
        if (weights.Length != (1 << bits) * labels.Count || bias.Length != labels.Count)
        {
            throw new ArgumentException("The weights do not match the labels and the number of buckets.", nameof(weights));
        }

        Description = description;
        Labels = labels;
        Bits = bits;
        _weights = weights;
        _bias = bias;
    }

    public ModelDescription Description { get; }
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The model has 2^Bits feature buckets per label.</summary>
    public int Bits { get; }

    /// <summary>Probabilities per label for a text; null when the text holds no feature (no letter, digit or Han character).</summary>
    public ModelPrediction? Predict(ReadOnlySpan<char> text)
    {
        var buffer = t_buffer ??= new int[4096];
        var count = TextFeatures.Extract(text, Bits, ref buffer);
        t_buffer = buffer;
        if (count == 0)
        {
            return null;
        }

        var scores = new double[Labels.Count];
        Score(buffer.AsSpan(0, count), scores);
        Softmax(scores);
        var best = 0;
        for (var k = 1; k < scores.Length; k++)
        {
            if (scores[k] > scores[best])
            {
                best = k;
            }
        }

        return new ModelPrediction(Labels[best], scores[best], scores);
    }

    /// <summary>
    /// Writes the probability of each label (in <see cref="Labels"/> order) into <paramref name="probabilities"/>
    /// without allocating; false when the text holds no feature. Triage's category blend calls it per complaint.
    /// </summary>
    public bool TryPredict(ReadOnlySpan<char> text, Span<double> probabilities)
    {
        if (probabilities.Length < Labels.Count)
        {
            throw new ArgumentException($"Needs room for {Labels.Count} probabilities.", nameof(probabilities));
        }

        var buffer = t_buffer ??= new int[4096];
        var count = TextFeatures.Extract(text, Bits, ref buffer);
        t_buffer = buffer;
        if (count == 0)
        {
            return false;
        }

        var scores = probabilities[..Labels.Count];
        Score(buffer.AsSpan(0, count), scores);
        Softmax(scores);
        return true;
    }

    /// <summary>The label's probability in a prediction (0 when the model does not know the label).</summary>
    public double ProbabilityOf(ModelPrediction prediction, string label)
    {
        for (var k = 0; k < Labels.Count; k++)
        {
            if (Labels[k] == label)
            {
                return prediction.Probabilities[k];
            }
        }

        return 0;
    }

    /// <summary>Raw scores (before the softmax) for extracted features; the trainer shares it.</summary>
    internal void Score(ReadOnlySpan<int> features, Span<double> scores)
    {
        var classes = Labels.Count;
        var scale = FeatureScale(features.Length);
        if (classes == 3)
        {
            // Sentiment: three sums kept in registers, so the reads of the weights do not wait on each other.
            double s0 = 0, s1 = 0, s2 = 0;
            var weights = _weights;
            foreach (var feature in features)
            {
                var row = feature * 3;
                s0 += weights[row];
                s1 += weights[row + 1];
                s2 += weights[row + 2];
            }

            scores[0] = _bias[0] + (s0 * scale);
            scores[1] = _bias[1] + (s1 * scale);
            scores[2] = _bias[2] + (s2 * scale);
            return;
        }

        for (var k = 0; k < classes; k++)
        {
            scores[k] = 0;
        }

        foreach (var feature in features)
        {
            var row = feature * classes;
            for (var k = 0; k < classes; k++)
            {
                scores[k] += _weights[row + k];
            }
        }

        for (var k = 0; k < classes; k++)
        {
            scores[k] = _bias[k] + (scores[k] * scale);
        }
    }

    /// <summary>Every feature counts 1/√n, so a one-line review and a 1 KB complaint land on the same scale.</summary>
    internal static double FeatureScale(int count) => 1 / Math.Sqrt(count);

    internal static void Softmax(Span<double> scores)
    {
        var max = double.NegativeInfinity;
        foreach (var s in scores)
        {
            max = Math.Max(max, s);
        }

        double sum = 0;
        for (var k = 0; k < scores.Length; k++)
        {
            scores[k] = Math.Exp(scores[k] - max);
            sum += scores[k];
        }

        for (var k = 0; k < scores.Length; k++)
        {
            scores[k] /= sum;
        }
    }

    /// <summary>Writes the model: a header, then the weights as half-precision floats, all gzip'd (most buckets are 0).</summary>
    public void Save(Stream stream)
    {
        using var gzip = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(gzip, Encoding.UTF8, leaveOpen: true);
        writer.Write(Encoding.ASCII.GetBytes(Magic));
        writer.Write(FormatVersion);
        writer.Write(Description.Name);
        writer.Write(Description.Version);
        writer.Write(Description.Notes);
        writer.Write(Labels.Count);
        foreach (var label in Labels)
        {
            writer.Write(label);
        }

        writer.Write(Bits);
        foreach (var b in _bias)
        {
            writer.Write(b);
        }

        foreach (var w in _weights)
        {
            writer.Write((Half)w);
        }
    }

    public static LinearTextModel Load(Stream stream)
    {
        using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var buffered = new BufferedStream(gzip, 1 << 16);
        using var reader = new BinaryReader(buffered, Encoding.UTF8, leaveOpen: true);
        if (Encoding.ASCII.GetString(reader.ReadBytes(4)) != Magic)
        {
            throw new InvalidDataException("Not a ComplaintFlow text model (bad header).");
        }

        var format = reader.ReadInt32();
        if (format != FormatVersion)
        {
            throw new InvalidDataException($"Text model format {format} is not supported (expected {FormatVersion}).");
        }

        var description = new ModelDescription(reader.ReadString(), reader.ReadString(), reader.ReadString());
        var labels = new string[reader.ReadInt32()];
        for (var k = 0; k < labels.Length; k++)
        {
            labels[k] = reader.ReadString();
        }

        var bits = reader.ReadInt32();
        if (labels.Length < 2 || bits is < 8 or > 24)
        {
            throw new InvalidDataException($"Text model has {labels.Length} labels and {bits} bits.");
        }

        var bias = new float[labels.Length];
        for (var k = 0; k < bias.Length; k++)
        {
            bias[k] = reader.ReadSingle();
        }

        var weights = new float[(1 << bits) * labels.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)reader.ReadHalf();
        }

        return new LinearTextModel(description, labels, bits, weights, bias);
    }

    private static readonly Lazy<LinearTextModel> EmbeddedSentiment = new(() =>
    {
        using var stream = TriageData.Open(SentimentResourceName);
        return Load(stream);
    });

    /// <summary>The embedded file of the default sentiment model (Triage/Data, trained by scripts/train-triage-model.sh).</summary>
    public const string SentimentResourceName = "sentiment-model.bin.gz";

    /// <summary>The default sentiment model (labels negative, neutral, positive), loaded once.</summary>
    public static LinearTextModel DefaultSentiment => EmbeddedSentiment.Value;

    private static readonly Lazy<LinearTextModel> EmbeddedCategory = new(() =>
    {
        using var stream = TriageData.Open(CategoryResourceName);
        return Load(stream);
    });

    /// <summary>The embedded file of the default category model (Triage/Data, trained by scripts/train-category-model.sh).</summary>
    public const string CategoryResourceName = "category-model.bin.gz";

    /// <summary>The default category model (the default taxonomy's ids as labels), loaded once.</summary>
    public static LinearTextModel DefaultCategory => EmbeddedCategory.Value;
}

/// <param name="Name">What it classifies (<c>sentiment</c>, <c>category</c>).</param>
/// <param name="Version">When and from what it was trained, so a stored model can be told from the next one.</param>
/// <param name="Notes">Training data, settings and validation figures, for a reader.</param>
public sealed record ModelDescription(string Name, string Version, string Notes);

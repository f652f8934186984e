"""The speech path's audio: mono float32 in [-1, 1] at ``SAMPLE_RATE``, what whisper and the Silero VAD take."""

SAMPLE_RATE = 16_000

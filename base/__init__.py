"""The shared vocabulary: errors, events, clocks, Hangul and the one language table. Imports nothing of ours."""

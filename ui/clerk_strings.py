"""The clerk's screen's words (Korean: the clerk's working language) that have a short form for where the whole does
not fit."""

SUGGESTIONS = "혹시 이 문구인가요? 누르면 검수된 번역을 보냅니다 (안 누르면 번역 없이 전달)"
# beside the suggestions where the list's view holds the first but not the whole heading over it (200 % on 1366x768:
# two lines in a third of the width, as high as the button): what a tap does, in view with the button; the chat's
# 번역 없음 says the line went untranslated
SUGGESTIONS_SHORT = "누르면 검수된 번역을 보냅니다"

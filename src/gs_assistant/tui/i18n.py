"""Every string the wizard shows, in Japanese and English, in one table.

Labels that the rule pack carries (industries, tracks, fields, DX areas, critical
materials, MOU counterparts and statuses, benefit types with their conditions, the
condition-b branches, partner-benefit kinds, deemed-large questions, rule titles, hints)
come from the pack; the fields' labels and the labels of the model's other choices
(affiliate kinds, a co-applicant's location) from the field catalogue
(``model/fields.yaml``); this table holds the wizard's own words. ``t(key)`` looks a key up in
the current language; ``set_lang`` switches it.
"""

from __future__ import annotations

_LANG = ["ja"]


def set_lang(lang: str) -> None:
    _LANG[0] = "en" if lang == "en" else "ja"


def lang() -> str:
    return _LANG[0]


def t(key: str, /, **values: object) -> str:
    """The text for ``key`` in the current language, with ``{name}`` values filled in."""
    ja, en = UI[key]
    text = en if _LANG[0] == "en" else ja
    return text.format(**values) if values else text


def labelled(label: str, value: object) -> str:
    """「補助率：1/2」 / "Rate: 1/2"."""
    return f"{label}: {value}" if _LANG[0] == "en" else f"{label}：{value}"


def money(yen: int) -> str:
    """An amount in words for prose: 40億円 / 4,000,000,000 yen."""
    if _LANG[0] == "en":
        return f"{yen:,} yen"
    from gs_assistant.parsing import format_yen_kanji

    return format_yen_kanji(yen)


def pick(pair: tuple[str, str]) -> str:
    """One of a (ja, en) pair in the current language."""
    return pair[1] if _LANG[0] == "en" else pair[0]


UI: dict[str, tuple[str, str]] = {
    # app and start screen
    "app.title": ("gs-assistant 申請ドラフト作成", "gs-assistant application drafts"),
    "app.subtitle": ("グローバルサウス未来志向型共創等事業費補助金",
                     "Global South future-oriented co-creation subsidy"),
    "start.heading": ("申請ドラフトを作成・確認します", "Draft and check an application"),
    "start.new": ("新しい申請", "New application"),
    "start.new_help": ("保存するファイル名を入力して Enter", "Type a file name and press Enter"),
    "start.recent": ("最近使ったファイル", "Recent files"),
    "start.no_recent": ("（まだありません）", "(none yet)"),
    "start.missing_file": ("見つかりません", "not found"),
    "start.samples": ("サンプルを開く（コピーを編集します）", "Open a sample (you edit a copy)"),
    "start.sample_copied": ("サンプルのコピーを開きました: {path}",
                            "Opened a copy of the sample: {path}"),
    "start.exists": ("{path} は既にあります。最近使ったファイルから開くか、別の名前にしてください",
                     "{path} already exists: open it from the recent files or choose another name"),
    "start.empty_name": ("ファイル名を入力してください", "Type a file name"),
    # keys (footer, palette, help)
    "key.save": ("保存", "Save"),
    "key.quit": ("終了", "Quit"),
    "key.help": ("ヘルプ", "Help"),
    "key.hint": ("ヒント", "Hint"),
    "key.back": ("前へ", "Back"),
    "key.next": ("次へ", "Next"),
    "key.checklist": ("チェック", "Checklist"),
    "key.steps": ("一覧", "Steps"),
    "key.scope": ("表示範囲", "Scope"),
    "key.lang": ("English", "日本語"),
    "key.export": ("Word出力", "Export .docx"),
    "key.palette": ("コマンド", "Commands"),
    "key.add": ("追加", "Add"),
    "key.edit": ("編集", "Edit"),
    "key.copy": ("複製", "Copy"),
    "key.remove": ("削除", "Remove"),
    "key.close": ("閉じる", "Close"),
    "key.undo": ("元に戻す", "Undo"),
    "key.redo": ("やり直す", "Redo"),
    "cmd.undo_help": ("入力欄の直前の変更を取り消します（続けて打った分は一度に）",
                      "Undo the last change in a field (typing without a pause is one step)"),
    "cmd.doc_keys_help": ("1 未着手、2 準備中、3 準備済、4 不要 で直接選べます",
                          "1 not started, 2 in progress, 3 ready, 4 not needed"),
    "cmd.redo_help": ("取り消した変更をやり直します", "Redo what was undone"),
    "cmd.focus_help": ("入力欄を順に移動します", "Move between fields"),
    "help.group_wizard": ("この画面（ウィザード）", "This screen (wizard)"),
    "help.group_table": ("表（共同申請者・指標・マイルストーンなど）",
                         "Tables (co-applicants, indicators, milestones ...)"),
    "help.group_review": ("この画面（レビュー）", "This screen (review)"),
    "help.group_package": ("提出書類の表（確認・出力）", "Submission documents (review step)"),
    "help.group_fields": ("入力欄", "Fields"),
    "help.group_app": ("どの画面でも", "Everywhere"),
    "key.close_menu": ("閉じる", "Close list"),
    "wizard.steps_key": ("（{key}: 一覧）", " ({key}: steps)"),
    "checklist.open_key": ("{key}: 開く", "{key}: open"),
    "checklist.close_key": ("{key}: 閉じる", "{key}: close"),
    "key.focus_next": ("次の欄", "Next field"),
    "key.focus_previous": ("前の欄", "Previous field"),
    "key.apply_track": ("推奨区分に", "Use advice"),
    "key.suggest": ("指標の候補", "Suggestions"),
    "key.to_review": ("レビューへ", "Review"),
    "key.filter_status": ("判定絞込", "By status"),
    "key.filter_topic": ("分類絞込", "By topic"),
    "key.comment": ("コメント", "Comment"),
    "key.decide": ("判断", "Decide"),
    "key.withdraw": ("判断取消", "Withdraw"),
    "key.jump": ("記入欄へ", "Go to field"),
    "key.doc_next": ("次の状態", "Next state"),
    "key.doc_not_started": ("未着手にする", "Not started"),
    "key.doc_in_progress": ("準備中にする", "In progress"),
    "key.doc_ready": ("準備済にする", "Ready"),
    "key.doc_not_needed": ("不要にする", "Not needed"),
    # palette help texts
    "palette.placeholder": ("コマンドを検索", "Search for commands"),
    "cmd.goto": ("ステップへ移動: {name}", "Go to step: {name}"),
    "cmd.goto_help": ("このステップを開きます", "Open this step"),
    "cmd.save_help": ("申請ファイルを保存します（自動保存もされます）",
                      "Save the application file (it is also saved automatically)"),
    "cmd.next_help": ("次のステップへ進みます", "Go to the next step"),
    "cmd.back_help": ("前のステップへ戻ります（入力は消えません）",
                      "Go back a step (nothing you typed is lost)"),
    "cmd.help_help": ("キー操作と画面の説明", "Keys and what the screen shows"),
    "cmd.save_as": ("別名で保存", "Save as"),
    "cmd.save_as_help": ("この申請を新しいファイル名で保存し、以降はそちらを編集します",
                         "Save this application under a new file name and edit that file"),
    "saveas.help": ("新しいファイル名（既にあるファイルには保存しません）。Enterで保存",
                    "A new file name (an existing file is never overwritten). Enter saves"),
    "saveas.exists": ("既にあります。別の名前にしてください",
                      "That file exists; choose another name"),
    "cmd.versions": ("以前の版に戻す", "Restore an earlier version"),
    "cmd.versions_help": ("保存のたびと開いた時の版から選んで戻します（各版で変わる項目を表示）",
                          "Pick a version kept at each save or when the file was opened "
                          "(shows what it changes)"),
    "versions.title": ("以前の版に戻す（Enterで選択、Escで閉じる）",
                       "Restore an earlier version (Enter picks, Esc closes)"),
    "versions.none": ("以前の版はまだありません", "No earlier versions yet"),
    "versions.save": ("保存", "saved"),
    "versions.session": ("開いた時", "opened"),
    "versions.more": ("、ほか", ", and more"),
    "versions.same": ("今の内容と同じ", "same as now"),
    "versions.changes": ("{n}項目が変わります: {fields}", "changes {n}: {fields}"),
    "versions.confirm": ("{time} の版に戻しますか？ 今の内容も版として残ります。",
                         "Restore the version of {time}? The current answers are kept as "
                         "a version too."),
    "versions.restored": ("{time} の版に戻しました", "Restored the version of {time}"),
    "cmd.hint_help": ("選択中の記入欄で審査が見るポイントと記入例",
                      "What reviewers look for in the focused field, with an example"),
    "cmd.checklist_help": ("チェックリストに移動し、項目から修正箇所へジャンプします",
                           "Move to the checklist; pick an item to jump to its field"),
    "cmd.scope_help": ("チェックリストを「このステップ」と「すべて」で切り替えます",
                       "Show this step's items or all items"),
    "cmd.lang_help": ("表示言語を切り替えます（設定に保存）",
                      "Switch the interface language (kept as a setting)"),
    "cmd.export_help": ("申請書ドラフト（.docx）を書き出します", "Write the .docx draft"),
    "cmd.quit_help": ("終了します（未保存の変更があれば確認します）",
                      "Quit (asks first if something is unsaved)"),
    "cmd.apply_track_help": ("アドバイザーの推奨する事業区分を選びます",
                             "Choose the track the advisor recommends"),
    "cmd.to_review_help": ("レビュー画面（チェックリストの表）に戻ります",
                           "Back to the review table"),
    "cmd.filter_status_help": ("表示する項目を判定で絞り込みます（押すたびに切り替わります）",
                               "Show the items of one status (each press moves on)"),
    "cmd.filter_topic_help": ("表示する項目を分類で絞り込みます（押すたびに切り替わります）",
                              "Show the items of one topic (each press moves on)"),
    "cmd.filter_status_to": ("判定で絞込: {name}", "Filter by status: {name}"),
    "cmd.filter_topic_to": ("分類で絞込: {name}", "Filter by topic: {name}"),
    "cmd.filter_to_help": ("この条件に合う項目だけを表に表示します",
                           "Show only the items that match in the table"),
    "cmd.comment_help": ("選択中の項目にコメントを追加し、ファイルに記録します",
                         "Add a comment to the highlighted item (saved in the file)"),
    "cmd.decide_help": ("選択中の項目の判定を、理由を付けて記録します",
                        "Record a decision on the highlighted item, with its reason"),
    "cmd.withdraw_help": ("記録した判断を取り消し、チェックの判定に戻します",
                          "Withdraw the decision: the checker's status applies again"),
    "cmd.jump_help": ("選択中の項目の記入欄をウィザードで開きます",
                      "Open the wizard at the highlighted item's field"),
    # wizard
    "wizard.saved": ("保存しました: {path}", "Saved: {path}"),
    "wizard.autosaved": ("自動保存済み", "autosaved"),
    "wizard.unsaved": ("未保存", "unsaved"),
    "warn.start_past": ("注意: 開始日{date}は過去です", "note: start {date} is past"),
    "warn.pack_old": ("注意: ルールパックは{date}時点（6か月超前）", "note: rule pack as of {date} "
                      "(over 6 months old)"),
    "wizard.merged_note": ("ほかの変更とまとめて保存済み", "saved, merged with other changes"),
    "wizard.conflict_note": ("別名で保存済み（元のファイルは変更なし）",
                             "saved under a new name (the file was not changed)"),
    "wizard.save_failed": ("{path} に保存できませんでした: {error}。"
                           "別の場所に保存するには Ctrl+P の「別名で保存」を使います",
                           "Could not save {path}: {error}. "
                           "To save elsewhere use \"Save as\" in the command palette (Ctrl+P)"),
    "save.merged": ("変更をまとめました。{path} はほかの画面やコマンドでも変更されていたため、"
                    "両方の変更を合わせて保存しました",
                    "Changes merged: {path} was changed elsewhere too; both changes were saved"),
    "save.conflict": ("上書きしていません。{path} はほかでも変更され、{field} が食い違いました。"
                      "この画面の内容は {side} に保存し、以降はそちらを編集します。"
                      "Ctrl+P の「ファイルとの違いを見る」で違いを確かめ、"
                      "ファイルの版を読み込めます",
                      "Not overwritten: {path} was changed elsewhere and {field} differs; "
                      "this screen's version was saved as {side}, which you now edit. "
                      "\"Compare with the file\" (Ctrl+P) shows the differences and can "
                      "reload the file's version"),
    "cmd.compare": ("ファイルとの違いを見る", "Compare with the file"),
    "cmd.compare_help": ("上書きしなかった元のファイルとこの画面で違う回答を一覧します",
                         "List the answers that differ between this screen and the file it "
                         "did not overwrite"),
    "cmd.reload": ("ファイルの版を読み込む", "Reload the file's version"),
    "cmd.reload_help": ("元のファイルの内容で編集を続けます（この画面の版は競合コピーに残ります）",
                        "Go on from the file's version (this screen's version stays in the "
                        "conflict copy)"),
    "conflict.title": ("この画面と {file} の違い（{n}件）",
                       "This screen and {file}: {n} differences"),
    "conflict.note": ("この画面の版は {copy} に保存済みです。ファイルの版を読み込んでも残ります",
                      "This screen's version is saved in {copy}; it stays there if you reload "
                      "the file's version"),
    "conflict.invalid": ("読めない入力 {n} 件は読み込むと消えます"
                         "（どのファイルにも保存されていません）",
                         "{n} unreadable entries are dropped by a reload (they are saved in no "
                         "file)"),
    "conflict.none": ("回答に違いはありません（違うのは保存の時刻などだけです）",
                      "The answers are the same (only bookkeeping such as save times differs)"),
    "conflict.mine": ("この画面", "this screen"),
    "conflict.theirs": ("ファイル", "the file"),
    "conflict.more": ("ほか {n} 件", "and {n} more"),
    "conflict.reload": ("ファイルの版を読み込む", "Reload the file's version"),
    "conflict.keep": ("この画面の版で続ける", "Keep this version"),
    "conflict.reloaded": ("{file} の版を読み込みました。この画面の版は {copy} に残っています",
                          "Reloaded {file}; this screen's version stays in {copy}"),
    "wizard.not_large": ("この画面は大型実証（対ASEAN加盟国／ASEAN加盟国以外）を選んだ場合のみ"
                         "記入します。現在の事業区分: {track}",
                         "This step applies to the large-scale tracks only. Current track: "
                         "{track}"),
    "wizard.no_track": ("未選択", "not chosen"),
    "wizard.first_step": ("最初のステップです", "This is the first step"),
    "wizard.last_step": ("最後のステップです", "This is the last step"),
    "wizard.no_hint": ("この欄には記入のヒントがありません", "No writing help for this field"),
    "wizard.lang_switched": ("表示言語: 日本語", "Language: English"),
    "wizard.in_review": ("レビュー中（{key}で一覧へ）", "reviewing ({key}: back to the table)"),
    "wizard.chars": ("{n}字", "{n} chars"),
    "wizard.chars_max": ("{n}字／目安{max}字", "{n} / about {max} chars"),
    "wizard.hint_looks_for": ("審査で見られる点", "What reviewers look for"),
    "wizard.hint_example": ("良い例", "Good example"),
    "wizard.hint_weak": ("弱い例（具体性に欠ける）", "Weak example (too vague)"),
    "wizard.invalid_not_saved": ("（読めない入力は保存されません）", "(not saved until readable)"),
    # steps
    "step.applicant": ("申請者", "Applicant"),
    "step.country_field": ("実施国・分野", "Country and field"),
    "step.track_money_period": ("事業区分・経費・期間", "Track, costs, period"),
    "step.benefits": ("日本裨益・相手国裨益", "Benefits"),
    "step.large_extras": ("大型実証の追加要件", "Large-track extras"),
    "step.content": ("事業内容", "Project content"),
    "step.review_export": ("確認・出力", "Review and export"),
    "progress.done": ("済", "done"),
    "progress.todo": ("未入力{n}", "{n} to answer"),
    "progress.bad": ("不適合{n}", "{n} not met"),
    "progress.na": ("対象外", "n/a"),
    "progress.reviewed": ("レビュー{n}", "{n} reviewed"),
    # checklist
    "checklist.title": ("チェックリスト", "Checklist"),
    "checklist.scope_step": ("このステップ", "this step"),
    "checklist.scope_all": ("すべて", "all"),
    "checklist.total": ("全体", "All"),
    "checklist.citation": ("出典", "Source"),
    "checklist.where": ("修正場所", "Where to fix"),
    "checklist.empty": ("このステップの項目はありません", "No items for this step"),
    "checklist.pick": ("項目を選ぶと理由と出典を表示します。Enterで修正箇所へ移動します。",
                       "Highlight an item to see its reason and source; Enter jumps to it."),
    "checklist.decided_by": ("支援者の判断（{author}、{at}）",
                             "Reviewer's decision ({author}, {at})"),
    "checklist.comment_by": ("支援者のコメント（{author}、{at}）",
                             "Reviewer's comment ({author}, {at})"),
    "checklist.mark_comments": ("コメント{n}", "{n} comments"),
    "checklist.mark_decided": ("判断", "decided"),
    "checklist.public_fact": ("公開情報に基づく項目", "Rests on a public fact"),
    # the consultant's review screen
    "review.title": ("レビュー", "Review"),
    "review.reviewer": ("担当: {name}", "Reviewer: {name}"),
    "review.no_reviewer": ("担当者名が未設定", "no reviewer name yet"),
    "review.filters": ("判定: {status}　分類: {topic}　表示 {shown}/{total}件",
                       "Status: {status}  Topic: {topic}  showing {shown} of {total}"),
    "review.all": ("すべて", "all"),
    "review.col_status": ("判定", "Status"),
    "review.col_computed": ("チェック", "Checker"),
    "review.col_id": ("ID", "ID"),
    "review.col_topic": ("分類", "Topic"),
    "review.col_title": ("項目", "Requirement"),
    "review.col_decided": ("判断", "Decided"),
    "review.col_comments": ("コメント", "Comments"),
    "review.decided_mark": ("済", "yes"),
    "review.empty": ("絞り込みの条件に合う項目はありません", "No items match the filters"),
    "review.pick": ("項目を選ぶと詳細を表示します", "Highlight an item to see its detail"),
    "review.computed": ("チェックの判定", "The checker's status"),
    "review.reason": ("理由", "Reason"),
    "review.field": ("記入欄", "Field"),
    "review.answers": ("この項目の回答", "The answers it rests on"),
    "review.record": ("支援者の記録", "Reviewer's record"),
    "review.none_yet": ("（まだありません）", "(none yet)"),
    "review.author_title": ("レビュー担当者の名前", "Your name as the reviewer"),
    "review.author_help": ("コメントと判断はこの名前で記録されます。設定に保存し、次回からは"
                           "聞きません。Enterで決定",
                           "Comments and decisions are recorded under this name. It is kept "
                           "in the settings. Press Enter"),
    "review.author_empty": ("名前を入力してください", "Type a name"),
    "review.comment_title": ("コメントを追加: {item}", "Add a comment: {item}"),
    "review.comment_empty": ("コメントを入力してください（空のコメントは記録できません）",
                             "Type a comment (an empty one cannot be recorded)"),
    "review.decide_title": ("判断を記録: {item}", "Record a decision: {item}"),
    "review.decide_help": ("判定を選び、理由を入力してください。理由は必須です。",
                           "Choose a status and give the reason: the reason is required."),
    "review.status_prompt": ("判定を選択", "Choose a status"),
    "review.status_empty": ("判定を選んでください", "Choose a status"),
    "review.reason_empty": ("理由を入力してください（理由のない判断は記録できません）",
                            "Give the reason (a decision without one cannot be recorded)"),
    "review.withdraw_title": ("判断を取り消す: {item}", "Withdraw the decision: {item}"),
    "review.withdraw_help": ("取り消す理由を入力してください。チェックの判定に戻ります。",
                             "Give the reason: the checker's status applies again."),
    "review.no_decision": ("この項目には取り消す判断がありません",
                           "This item has no decision to withdraw"),
    "review.ok": ("記録", "Record"),
    "review.cancel": ("やめる", "Cancel"),
    "review.recorded": ("記録して保存しました: {item}", "Recorded and saved: {item}"),
    "review.failed": ("記録できませんでした: {error}", "Could not record: {error}"),
    # sections and facts
    "sec.lead": ("幹事法人（申請者）", "Lead applicant"),
    "sec.deemed": ("みなし大企業の確認", "Deemed large enterprise"),
    "sec.co_applicants": ("共同申請者（コンソーシアム）", "Co-applicants (consortium)"),
    "sec.local_partner": ("現地企業", "Local partner company"),
    "sec.single": ("申請の重複", "Single application"),
    "sec.country": ("実施国", "Partner country"),
    "sec.field": ("対象分野", "Field"),
    "sec.track": ("事業区分", "Track"),
    "sec.advisor": ("区分アドバイザー", "Track advisor"),
    "sec.costs": ("経費と補助額", "Costs and subsidy"),
    "sec.period": ("事業期間", "Period"),
    "sec.types": ("日本裨益の類型", "Benefit to Japan: types"),
    "sec.indicators": ("定量指標", "Quantitative indicators"),
    "sec.partner_benefit": ("相手国裨益", "Benefit to the partner country"),
    "sec.affiliates": ("関連会社", "Affiliates"),
    "sec.similar": ("同じ分野・目的の他の海外プロジェクト", "Similar overseas projects"),
    "sec.mou": ("MOU・レター", "MOU / letter"),
    "sec.press": ("プレスリリース", "Press release"),
    "sec.content": ("事業の内容", "The project"),
    "sec.milestones": ("スケジュール（マイルストーン）", "Schedule (milestones)"),
    "sec.summary": ("判定の要約", "Summary"),
    "sec.profile": ("企業概要", "Company profile"),
    "sec.partner_indicators": ("相手国裨益の指標", "Partner-country indicators"),
    "sec.risks": ("リスクと対応策", "Risks and mitigation"),
    "sec.funding": ("資金計画（自己負担分の調達）", "Funding of the own share"),
    "sec.package": ("提出書類と締切", "Submission documents and deadlines"),
    "topic.package": ("提出書類", "Submission documents"),
    "topic.timeline": ("締切", "Deadlines"),
    "fact.own_share": ("自己負担額（総事業費－補助額）", "Own share (total cost less subsidy)"),
    "fact.raised": ("調達の合計", "Sources in total"),
    "fact.own_share_assumed": ("（補助率が未確定のため、低い方の補助額で計算）",
                               " (the rate is still open: the smaller subsidy is assumed)"),
    "sec.export": ("Word出力", "Word export"),
    "fact.sme": ("中小企業判定", "SME status"),
    "fact.sme_yes": ("中小企業", "SME"),
    "fact.sme_no": ("大企業等", "Large enterprise"),
    "fact.undecided": ("未確定", "not decided"),
    "fact.rate": ("補助率", "Rate"),
    "fact.subsidy": ("補助額", "Subsidy"),
    "fact.cap": ("上限", "Cap"),
    "fact.capped": ("上限を適用", "capped"),
    "fact.recommended": ("推奨区分", "Recommended track"),
    "fact.differs": ("選択中の区分と異なります（{key}で推奨区分にできます）",
                     "Differs from the chosen track ({key} applies it)"),
    "fact.months": ("期間 {n}か月", "{n} months"),
    "fact.latest_end": ("最長の終了日 {date}", "Latest end {date}"),
    "fact.track_terms": ("上限 {cap}・補助率 {rate}（中小企業 {rate_sme}）"
                         "・最長 {months}か月{end_by}",
                         "cap {cap}, rate {rate} (SME {rate_sme}), up to {months} months{end_by}"),
    "fact.end_by": ("・{date}までに終了", ", ending by {date}"),
    "fact.mou_required": ("MOU・レターが必要です（大企業等）。提出期限: {date}",
                          "An MOU or letter is needed (large enterprise). Deadline: {date}"),
    "fact.mou_not_required": ("幹事法人は中小企業のためMOU・レターは必須ではありません",
                              "The lead is an SME: an MOU or letter is not required"),
    "fact.mou_unknown": ("幹事法人の中小企業判定が済むと要否が決まります",
                         "Known once the lead's SME status is decided"),
    "fact.affiliate_yes": ("該当", "yes"),
    "fact.affiliate_no": ("非該当", "no"),
    "fact.country_none": ("実施国が未選択です", "No country chosen yet"),
    "fact.asean": ("ASEAN加盟国", "ASEAN member"),
    "fact.not_asean": ("ASEAN加盟国以外", "not an ASEAN member"),
    "fact.dac": ("DACリスト掲載（{group}）", "On the DAC list ({group})"),
    "fact.not_dac": ("DACリスト外（要確認）", "Not on the DAC list (to be confirmed)"),
    "country.search": ("国名・英語名・ISOコードで検索", "Search by name or ISO code"),
    "country.chosen": ("選択中: {name}", "Chosen: {name}"),
    "dac.ldc": ("後発開発途上国", "LDC"),
    "dac.other_lic": ("その他低所得国", "other LIC"),
    "dac.lmic": ("低中所得国", "LMIC"),
    "dac.umic": ("高中所得国", "UMIC"),
    # choices
    "choice.unanswered": ("未回答", "not answered"),
    "choice.unselected": ("選択してください", "Choose"),
    "choice.yes": ("はい", "Yes"),
    "choice.no": ("いいえ", "No"),
    "choice.other_area": ("例示以外（自由記入）", "Other (describe)"),
    "choice.other_material": ("指定外の物資（類型3で重要性を説明）",
                              "Another good (explain under type 3)"),
    "export.done": ("Wordファイルを書き出しました: {path}", "Wrote the Word file: {path}"),
    "export.unavailable": ("Word出力はこの版ではまだ利用できません（{error}）",
                           "Word export is not available in this version yet ({error})"),
    "export.failed": ("Word出力に失敗しました: {error}", "Export failed: {error}"),
    "export.path": ("出力するファイル", "Output file"),
    "export.help": ("申請書ドラフト（.docx）を書き出します。Enterで実行",
                    "Write the .docx draft. Press Enter"),
    "export.exists": ("既にあります。もう一度Enterを押すと上書きします",
                      "The file exists: press Enter again to overwrite it"),
    "export.running": ("書き出し中です", "Writing the file"),
    # the expense plan (経費明細)
    "cell.eligible_all": ("対象", "yes"),
    "cell.eligible_none": ("対象外", "no"),
    "cell.eligible_part": ("一部", "part"),
    "expense.member_lead": ("幹事法人", "the lead applicant"),
    "expense.member_co": ("共同申請者{n}", "co-applicant {n}"),
    "expense.member_partner": ("現地企業", "the local partner"),
    "expense.no_amount": ("未確定（単価×数量、又は一式の金額を入力）",
                          "not known yet (enter unit price × quantity, or a lump sum)"),
    "expense.no_rate": ("未確定（換算レートを入力）", "not known yet (enter the rate)"),
    "expense.converted": ("= {currency} {amount} × {rate}円（1円未満切り捨て）",
                          "= {currency} {amount} × {rate} yen (rounded down to the yen)"),
    "expense.no_plan": ("経費明細がまだありません。補助額は上で入力された総事業費・補助対象経費から"
                        "計算しています",
                        "No expense plan yet: the subsidy is computed from the totals typed "
                        "above"),
    "expense.totals": ("経費明細{n}行の合計", "The expense plan's {n} rows add up to"),
    "expense.total_eligible": ("総事業費 {total}・補助対象経費 {eligible}",
                               "total {total}, eligible {eligible}"),
    "expense.by_member": ("計上者別", "By member"),
    "expense.by_category": ("費目別", "By category"),
    "expense.incomplete": ("金額が未確定の行が{n}行あり、合計に含まれていません",
                           "{n} rows have no yen value yet and are not in the sums"),
    "expense.from_plan": ("補助額と判定には、上の入力欄ではなく経費明細の合計を使います",
                          "The subsidy and the checklist use the plan's sums, not the "
                          "totals typed above"),
    "expense.pasted": ("経費明細に{n}行を貼り付けました", "Pasted {n} rows into the expense plan"),
    "expense.paste_refused": ("貼り付けた表に読めないセルがあるため、1行も追加していません",
                              "Nothing pasted: some cells cannot be read"),
    "expense.paste_more": ("ほか{n}件", "and {n} more"),
    "expense.differs": ("{name}が明細の合計と異なります：入力 {typed}／明細 {plan}",
                        "The typed {name} differs: typed {typed}, plan {plan}"),
    "expense.fix_typed": ("（入力欄の値を直すか消してください）",
                          "(correct or clear the typed value)"),
    # table editor
    "table.empty": ("（行がありません。{key}で追加）", "(no rows: {key} adds one)"),
    "table.row": ("{name} {n}", "{name} {n}"),
    "table.full": ("{name}は{limit:,}行までです。行を追加できません"
                   "（まとめるか、不要な行を削除してください）",
                   "{name} holds at most {limit:,} rows: no row added (combine or remove rows)"),
    "table.confirm_remove": ("{name} {n} を削除しますか？", "Remove {name} {n}?"),
    "table.expense_rows_go": ("経費明細のこの共同申請者の行（{n}行）も削除されます",
                              "Its {n} rows of the expense plan are removed too"),
    "table.editing": ("{name} {n} の編集（入力はすぐ反映・保存されます）",
                      "Editing {name} {n} (changes apply and save as you type)"),
    "table.suggestions": ("候補（{type}）: 選ぶと指標名と単位が入ります。数値は自社のものを入力",
                          "Suggestions ({type}): fills name and unit; enter your own numbers"),
    # dialogs
    "dialog.yes": ("はい", "Yes"),
    "dialog.no": ("いいえ", "No"),
    "quit.title": ("未保存の変更があります", "There are unsaved changes"),
    "quit.invalid": ("読めない入力が{n}件あります（保存されません）: {fields}",
                     "{n} entries cannot be read and are not saved: {fields}"),
    "quit.save": ("保存して終了", "Save and quit"),
    "quit.discard": ("保存せずに終了", "Quit without saving"),
    "quit.cancel": ("戻る", "Cancel"),
    # errors
    "error.int": ("整数で入力してください（例: 120）", "Enter a whole number (e.g. 120)"),
    "error.number": ("数値で入力してください（例: 12.5）", "Enter a number (e.g. 12.5)"),
    "error.percent": ("0〜100の数値で入力してください（例: 51）",
                      "Enter a number from 0 to 100 (e.g. 51)"),
    "error.open": ("開けません: {error}", "Cannot open: {error}"),
    "session.recovered": (
        "前回は正常に終了しませんでした。最後の自動保存（{time}）の内容を開きました。"
        "それ以降に入力した内容は失われています",
        "The last session did not end normally. Opened the last autosave ({time}); "
        "anything typed after it is lost"),
    "session.in_use": (
        "このファイルは別の gs-assistant でも開かれています。保存のたびに両方の変更を"
        "まとめ、食い違うときは上書きせずに別名で保存します",
        "This file is open in another gs-assistant too; each save merges both sides' "
        "changes and saves under a new name instead of overwriting when they differ"),
    "session.opened_elsewhere": (
        "このファイルを別の gs-assistant も開きました。保存のたびに両方の変更をまとめ、"
        "食い違うときは上書きせずに別名で保存します",
        "Another gs-assistant has opened this file too; each save merges both sides' "
        "changes and saves under a new name instead of overwriting when they differ"),
    # help
    "help.title": ("ヘルプ", "Help"),
}


def field_label(path: str) -> str:
    """The label of a field from the field catalogue (``model/fields.yaml``), by its path
    (row numbers allowed: ``co_applicants[0].name``); an unknown path is its own label.
    Read on first use, so that the start screen never loads the catalogue."""
    from gs_assistant.model.catalogue import catalogue

    return catalogue().label(path, _LANG[0]) or path


def choice(group: str, key: str) -> str:
    """The label of one of the wizard's own choices (the catalogue's ``choices:``)."""
    from gs_assistant.model.catalogue import catalogue

    return pick(catalogue().choice_labels(group)[key])

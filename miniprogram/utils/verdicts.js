/**
 * The verdict as parents read it, the same words on home and on the institution page: a
 * large icon, a colour (tone) and a title for each list status, never colour alone. The
 * advice is the server's verdict message for that status (GET /institutions/check).
 */
const VERDICTS = {
  whitelist: { icon: '✓', tone: 'good', title: '白名单机构', advice: '该机构在教育部门白名单中，已通过审核登记。' },
  blacklist: { icon: '✕', tone: 'bad', title: '黑名单机构', advice: '该机构在教育部门黑名单中，请勿报名或缴费。' },
  revoked: { icon: '✕', tone: 'bad', title: '办学许可已吊销', advice: '该机构办学许可已被吊销，请勿报名或缴费。' },
  suspended: { icon: '!', tone: 'warn', title: '暂停办学', advice: '该机构已被暂停办学，请勿报名或缴费。' },
  pending: { icon: '…', tone: 'wait', title: '待审核，未列入白名单', advice: '该机构已登记，正在审核中，尚未列入白名单。' },
  not_listed: { icon: '?', tone: 'unknown', title: '未登记', advice: '教育部门名单中没有这一名称。未登记即开展培训的，可以举报。' },
  ambiguous: { icon: '?', tone: 'unknown', title: '多家机构同名', advice: '有多家登记机构使用此名称，请根据地址或办学许可证号确认是哪一家。' },
}
// Statuses whose courses must not be shown (they read as an offer to enrol).
const NO_COURSES = ['blacklist', 'revoked']

/** {icon, tone, title, advice} for a verdict or a list status. */
function verdictOf(code) {
  return VERDICTS[code] || VERDICTS.not_listed
}

/** The colour class and the word of a complaint status (colour plus words). */
const COMPLAINT_TONES = {
  submitted: 'wait',
  accepted: 'info',
  in_progress: 'info',
  need_info: 'warn',
  reopened: 'warn',
  resolved: 'good',
  closed: 'done',
  rejected: 'bad',
  merged: 'done',
}

function complaintTone(status) {
  return COMPLAINT_TONES[status] || 'info'
}

module.exports = { verdictOf, NO_COURSES, complaintTone }

/* Chinese for the widgets Flask-Admin ships in English: moment (dates), select2, daterangepicker. */
(function ($, moment) {
  moment.locale('zh-cn', {
    months: '一月_二月_三月_四月_五月_六月_七月_八月_九月_十月_十一月_十二月'.split('_'),
    monthsShort: '1月_2月_3月_4月_5月_6月_7月_8月_9月_10月_11月_12月'.split('_'),
    weekdays: '星期日_星期一_星期二_星期三_星期四_星期五_星期六'.split('_'),
    weekdaysShort: '周日_周一_周二_周三_周四_周五_周六'.split('_'),
    weekdaysMin: '日_一_二_三_四_五_六'.split('_'),
    week: { dow: 1, doy: 4 }
  });

  if ($.fn.select2) {
    $.extend($.fn.select2.defaults, {
      formatNoMatches: function () { return '没有找到匹配项'; },
      formatInputTooShort: function (input, min) { return '请再输入' + (min - input.length) + '个字符'; },
      formatInputTooLong: function (input, max) { return '请删掉' + (input.length - max) + '个字符'; },
      formatSelectionTooBig: function (limit) { return '最多只能选择' + limit + '项'; },
      formatLoadMore: function () { return '正在加载更多…'; },
      formatSearching: function () { return '搜索中…'; },
      formatAjaxError: function () { return '加载失败'; }
    });
  }

  var zhLocale = {
    applyLabel: '确定', cancelLabel: '取消', fromLabel: '从', toLabel: '至',
    weekLabel: '周', customRangeLabel: '自定义',
    daysOfWeek: moment.weekdaysMin(), monthNames: moment.monthsShort(), firstDay: 1
  };
  // daterangepicker.js is loaded after this file on form pages: wrap it as soon as it is defined.
  var original;
  Object.defineProperty($.fn, 'daterangepicker', {
    configurable: true,
    get: function () { return original && wrapped; },
    set: function (plugin) { original = plugin; }
  });
  // Range filters are sent to the server as "A to B" (what Flask-Admin parses); people see "A 至 B".
  var SENT = ' to ', SHOWN = ' 至 ';
  function wrapped(options, callback) {
    options = $.extend({}, options);
    options.locale = $.extend({}, zhLocale, options.locale);
    if (options.separator === SENT) {
      options.separator = SHOWN;
      this.each(function () { this.value = this.value.replace(SENT, SHOWN); });
    }
    var shown = this.map(function () { return this.value; }).get();
    var result = original.call(this, options, callback);
    this.each(function (index) {
      var input = this, picker = $(input).data('daterangepicker');
      // A value the picker cannot read (the server has just said what is wrong with it) stays as typed.
      if (input.value === 'Invalid date') { input.value = shown[index]; }
      if (!picker || !picker.singleDatePicker) { return; }
      // The picker reads the field on every key, loosely: "2" would become the year 0002 and be written
      // back under the cursor.  It takes what is typed once that is a whole date, and only then.
      $(input).off('keyup.daterangepicker').on('keyup.daterangepicker', function () {
        var date = typedDate(picker, input.value);
        if (date) { picker.setCustomDates(date, date); $(input).removeData('typed'); }
      });
      // Choosing on the calendar replaces what was typed.
      picker.container.on('mousedown', function () { $(input).removeData('typed'); });
    });
    return result;
  }
  function typedDate(picker, text) {
    var date = moment(text, [picker.format, picker.format.replace(':ss', '')], true);
    return date.isValid() ? date : null;
  }
  // What a person typed that is not a date yet: the picker must not replace it by its own date (or by
  // "Invalid date") when it closes or the form is sent; the server then says what is wrong with it.
  $(document).on('input', 'input', function () { $(this).data('typed', this.value); });
  function keepTyped(input) {
    var typed = $(input).data('typed');
    if (typed !== undefined && input.value !== typed) { input.value = typed; }
  }
  $(document).on('hide.daterangepicker', 'input', function () { keepTyped(this); });
  $(document).on('submit', 'form', function () {
    $(this).find('input').each(function () {
      if ($(this).data('daterangepicker')) {
        keepTyped(this);
        this.value = this.value.replace(SHOWN, SENT);
      }
    });
  });

  // File choosers drawn by Bootstrap (the browser's own button speaks the browser's language):
  // the label shows the names chosen, or its first text when none is.
  $(document).on('change', '.custom-file-input', function () {
    var label = $(this).next('.custom-file-label');
    if (!label.data('empty')) { label.data('empty', label.text()); }
    var names = $.map(this.files, function (file) { return file.name; });
    label.text(names.length ? names.join('、') : label.data('empty'));
  });
})(window.jQuery, window.moment);
